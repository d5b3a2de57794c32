package org.wangge.open311;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A partner's Open311 api_key (only its hash is kept; the key itself is shown once, when issued)")
public class Open311Key implements org.wangge.common.Node, org.wangge.security.Visible {
    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** Keys are the admins' business alone. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin();
    }

    @NonNull
    @Description("Who it was issued to, e.g. 市12345热线")
    public String name;
    @NonNull
    @Description("The subject its reports are filed under: the partner reads back what it reported, as a reporter does")
    public String subject;
    @NonNull
    public OffsetDateTime createdAt;
    public OffsetDateTime revokedAt;
    @Description("The key itself: only in the answer of issueOpen311Key")
    public String key;

    /** The reporter subject of a key's reports. */
    static String subjectOf(long id) {
        return "open311-key-" + id;
    }
}
