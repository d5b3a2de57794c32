package org.wangge.people;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Keys that seal personal data, who may read it in full, and how often exact searches may run. */
@ConfigMapping(prefix = "wangge.pii")
public interface PersonalDataSettings {

    /** {@code id=base64,...}: every AES-256 key that may still have sealed rows. */
    String keys();

    /** The key new writes are sealed under. */
    String currentKey();

    /** The HMAC key of the search hashes. */
    String hashKey();

    /** Roles that may read an ID number in full (with a reason, audited), within jurisdiction. */
    List<String> fullIdNumberRoles();

    /** Roles that may read a phone in full (with a reason, audited), within jurisdiction. */
    List<String> fullPhoneRoles();

    /** Exact searches by ID number or phone per caller per minute. */
    @WithDefault("30")
    int searchRatePerMinute();
}
