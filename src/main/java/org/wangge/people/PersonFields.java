package org.wangge.people;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;

/**
 * The rules for a resident's fields, shared by the API and the roster import: resident IDs
 * checked and read for birth date and gender, documents and phones sealed and masked.
 */
@ApplicationScoped
public class PersonFields {

    private final PersonalData pii;
    private final Clock clock;

    public PersonFields(PersonalData pii, Clock clock) {
        this.pii = pii;
        this.clock = clock;
    }

    /** Validates identity fields of the input onto the entity: documents sealed, masks made. */
    public void apply(PersonEntity p, PeopleInputs.PersonData in) {
        LocalDate today = clock.today();
        if ((in.idNumber != null || in.phone != null) && p.piiKeyId != null && !p.piiKeyId.equals(pii.currentKeyId())) {
            // A row names one key: before sealing anything new, bring what it holds under the current key.
            p.idNumberEnc = p.idNumberEnc == null ? null : pii.encrypt(pii.decrypt(p.idNumberEnc, p.piiKeyId));
            p.phoneEnc = p.phoneEnc == null ? null : pii.encrypt(pii.decrypt(p.phoneEnc, p.piiKeyId));
            p.piiKeyId = pii.currentKeyId();
        }
        if (in.idNumber != null) {
            if (in.idNumber.isBlank()) {
                p.idNumberEnc = null;
                p.idNumberHash = null;
                p.idNumberMask = null;
            } else {
                String number;
                if (IdType.valueOf(p.idType) == IdType.RESIDENT_ID) {
                    IdNumbers.ResidentId id = IdNumbers.residentId("idNumber", in.idNumber, today);
                    number = id.number();
                    if (in.birthDate != null && !in.birthDate.equals(id.birthDate())) {
                        throw ApiException.validation("birthDate", "birthDate differs from the one in the resident ID");
                    }
                    if (in.gender != null && in.gender != id.gender()) {
                        throw ApiException.validation("gender", "gender differs from the one in the resident ID");
                    }
                    p.birthDate = id.birthDate();
                    p.gender = id.gender().name();
                } else {
                    number = IdNumbers.otherDocument("idNumber", in.idNumber);
                }
                PersonalData.Sealed sealed = pii.seal(number, PersonalData.maskIdNumber(IdType.valueOf(p.idType), number));
                p.idNumberEnc = sealed.cipher();
                p.idNumberHash = sealed.hash();
                p.idNumberMask = sealed.mask();
                p.piiKeyId = sealed.keyId();
            }
        }
        if (in.phone != null) {
            if (in.phone.isBlank()) {
                p.phoneEnc = null;
                p.phoneHash = null;
                p.phoneMask = null;
            } else {
                String phone = IdNumbers.phone("phone", in.phone);
                PersonalData.Sealed sealed = pii.seal(phone, PersonalData.maskPhone(phone));
                p.phoneEnc = sealed.cipher();
                p.phoneHash = sealed.hash();
                p.phoneMask = sealed.mask();
                p.piiKeyId = sealed.keyId();
            }
        }
        if (in.gender != null && in.idNumber == null) {
            p.gender = in.gender.name();
        }
        if (in.birthDate != null && in.idNumber == null) {
            if (in.birthDate.isAfter(today)) {
                throw ApiException.validation("birthDate", "birthDate is in the future");
            }
            p.birthDate = in.birthDate;
        }
        if (in.ethnicity != null) {
            p.ethnicity = Check.optional("ethnicity", in.ethnicity, 40);
        }
        if (in.residenceType != null) {
            p.residenceType = in.residenceType.name();
        }
        if (in.moveInDate != null) {
            p.moveInDate = in.moveInDate;
        }
        if (in.moveOutDate != null) {
            p.moveOutDate = in.moveOutDate;
        }
        if (p.moveInDate != null && p.moveOutDate != null && p.moveOutDate.isBefore(p.moveInDate)) {
            throw ApiException.validation("moveOutDate", "moveOutDate is before moveInDate");
        }
        if (in.origin != null) {
            p.origin = Check.optional("origin", in.origin, 200);
        }
        if (in.accountSubject != null) {
            p.accountSubject = in.accountSubject.isBlank() ? null : Check.text("accountSubject", in.accountSubject, 255);
        }
    }
}
