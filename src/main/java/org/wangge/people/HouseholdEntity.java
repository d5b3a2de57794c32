package org.wangge.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

@Entity
@Table(name = "household")
public class HouseholdEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "grid_id")
    public long gridId;
    /** The county whose partition holds the household: its grid's, fixed at registration. */
    @Column(name = "county_code", updatable = false)
    public String countyCode;
    public String address;
    public String building;
    public String unit;
    public String room;
    @Column(name = "householder_id")
    public Long householderId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public int version;
}
