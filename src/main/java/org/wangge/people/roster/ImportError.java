package org.wangge.people.roster;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A refused roster row")
public class ImportError {
    @Description("The workbook's sheet it is on (null for a CSV file)")
    public String sheet;
    @NonNull
    @Description("Line in the file (of its sheet) as a spreadsheet shows it (the header is line 1)")
    public int line;
    @Description("Heading of the column at fault")
    public String column;
    @NonNull
    public String message;
    @Ignore
    public long dbId;

    static ImportError from(Row row) {
        ImportError e = new ImportError();
        e.dbId = row.getLong("id");
        e.sheet = row.getString("sheet");
        e.line = row.getInteger("line");
        e.column = row.getString("column_name");
        e.message = row.getString("message");
        return e;
    }
}
