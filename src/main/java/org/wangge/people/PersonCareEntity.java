package org.wangge.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

@Entity
@Table(name = "person_care")
public class PersonCareEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "person_id")
    public long personId;
    @Column(name = "category_code")
    public String categoryCode;
    public String level;
    @Column(name = "start_date")
    public LocalDate startDate;
    @Column(name = "end_date")
    public LocalDate endDate;
    @Column(name = "helper_subject")
    public String helperSubject;
    @Column(name = "visit_interval_days")
    public Integer visitIntervalDays;
    public String note;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public int version;
}
