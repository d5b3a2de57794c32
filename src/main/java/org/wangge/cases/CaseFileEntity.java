package org.wangge.cases;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** The write model of a case file; every change goes through {@link CaseService}. */
@Entity
@Table(name = "case_file")
public class CaseFileEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String number;
    @Column(name = "kind_code")
    public String kindCode;
    @Column(name = "item_code")
    public String itemCode;
    public String title;
    public String description;
    public String priority;
    @Column(name = "risk_colour")
    public String riskColour;
    public String source;
    @Column(name = "grid_id")
    public long gridId;
    public Double lat;
    public Double lng;
    public String state;
    @Column(name = "reporter_subject")
    public String reporterSubject;
    @Column(name = "reporter_name")
    public String reporterName;
    @Column(name = "owner_subject")
    public String ownerSubject;
    @Column(name = "tier_grid_id")
    public long tierGridId;
    @Column(name = "handler_subject")
    public String handlerSubject;
    @Column(name = "handler_department_id")
    public Long handlerDepartmentId;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    @Column(name = "overdue_recorded")
    public boolean overdueRecorded;
    @Column(name = "rework_count")
    public int reworkCount;
    @Column(name = "escalation_count")
    public int escalationCount;
    @Column(name = "duplicate_of")
    public Long duplicateOf;
    public String result;
    public Integer rating;
    @Column(name = "rating_comment")
    public String ratingComment;
    @Column(name = "rated_at")
    public OffsetDateTime ratedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Version
    public int version;
}
