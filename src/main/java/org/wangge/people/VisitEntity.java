package org.wangge.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "visit")
public class VisitEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "visitor_subject")
    public String visitorSubject;
    @Column(name = "household_id")
    public long householdId;
    @Column(name = "person_id")
    public Long personId;
    @Column(name = "visited_at")
    public OffsetDateTime visitedAt;
    public String notes;
    public String findings;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
