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
@Table(name = "person")
public class PersonEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String gender;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Column(name = "id_type")
    public String idType;
    @Column(name = "id_number_enc")
    public byte[] idNumberEnc;
    @Column(name = "id_number_hash")
    public byte[] idNumberHash;
    @Column(name = "id_number_mask")
    public String idNumberMask;
    @Column(name = "phone_enc")
    public byte[] phoneEnc;
    @Column(name = "phone_hash")
    public byte[] phoneHash;
    @Column(name = "phone_mask")
    public String phoneMask;
    @Column(name = "pii_key_id")
    public String piiKeyId;
    public String ethnicity;
    @Column(name = "residence_type")
    public String residenceType;
    @Column(name = "move_in_date")
    public LocalDate moveInDate;
    @Column(name = "move_out_date")
    public LocalDate moveOutDate;
    public String origin;
    @Column(name = "household_id")
    public Long householdId;
    /** The county whose partition holds the person: the household's, fixed at registration. */
    @Column(name = "county_code", updatable = false)
    public String countyCode;
    public String relation;
    @Column(name = "account_subject")
    public String accountSubject;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public int version;
}
