package org.wangge.grid;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person account known by its OIDC subject. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    public String subject;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
