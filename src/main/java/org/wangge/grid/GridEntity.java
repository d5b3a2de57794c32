package org.wangge.grid;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The write model of a grid; reads go through {@link GridReader} into {@link Grid}. */
@Entity
@Table(name = "grid")
public class GridEntity extends PanacheEntityBase {

    @Id
    public Long id;
    public String code;
    public String name;
    public String kind;
    public int level;
    @Column(name = "parent_id")
    public Long parentId;
    /** Set by the database when the grid is created (V46): the county its records are kept in. */
    @Column(name = "county_code", insertable = false, updatable = false)
    public String countyCode;
    public String path;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] layers;
    // Bound as text and cast by the database: the reactive driver would otherwise send a JSON string.
    @ColumnTransformer(read = "boundary::text", write = "cast(cast(? as text) as jsonb)")
    public String boundary;
    @Column(name = "centre_lat")
    public Double centreLat;
    @Column(name = "centre_lng")
    public Double centreLng;
    @Column(name = "bbox_min_lat")
    public Double bboxMinLat;
    @Column(name = "bbox_max_lat")
    public Double bboxMaxLat;
    @Column(name = "bbox_min_lng")
    public Double bboxMinLng;
    @Column(name = "bbox_max_lng")
    public Double bboxMaxLng;
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public int version;
}
