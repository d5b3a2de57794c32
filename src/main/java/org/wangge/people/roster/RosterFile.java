package org.wangge.people.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A roster as grid offices keep it: an XLSX workbook (first sheet) or a CSV file (UTF-8 or
 * GB18030, as Excel saves it on Chinese Windows). The format is told by the content, not the
 * file name. Rows are streamed; each carries its line number in the file.
 */
public final class RosterFile {

    /** One data row: its line (as a spreadsheet shows it) and the cell texts in header order. */
    public record RawRow(int line, List<String> cells) {
    }

    public enum Format { XLSX, CSV }

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private RosterFile() {
    }

    /** XLSX, CSV, or an IllegalArgumentException saying the content is neither. */
    public static Format sniff(Path file) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == ZIP[0] && head[1] == ZIP[1] && head[2] == ZIP[2] && head[3] == ZIP[3]) {
            return Format.XLSX;
        }
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                throw new IllegalArgumentException("The file is neither an XLSX workbook nor a CSV text file");
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("The file is empty");
        }
        return Format.CSV;
    }

    /** Expansion below this is never refused: small workbooks of repeated cells compress very well. */
    private static final long EXPANSION_GRACE = 1 << 20;
    private static final int MAX_ENTRIES = 10_000;

    /**
     * Unpacks every entry of an XLSX (a zip) without keeping anything, and refuses, with an
     * IllegalArgumentException, a workbook that unpacks to more than {@code maxExpanded} bytes or to
     * more than {@code maxRatio} times the file's size: a zip bomb would otherwise keep the importer
     * parsing for hours. Counts the bytes actually inflated (the sizes an archive declares can lie)
     * and stops at the first one over.
     */
    public static void checkExpansion(Path file, long maxExpanded, int maxRatio) throws IOException {
        long size = Math.max(1, Files.size(file));
        long limit = Math.min(maxExpanded, Math.max(EXPANSION_GRACE, size * maxRatio));
        long expanded = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("The workbook holds more than " + MAX_ENTRIES + " parts; it was not imported");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        expanded += n;
                        if (expanded > limit) {
                            throw new IllegalArgumentException(expanded > maxExpanded
                                    ? "The workbook unpacks to more than " + maxExpanded / (1 << 20) + " MB; split it and import the parts"
                                    : "The workbook unpacks to more than " + maxRatio + " times its size, as no spreadsheet does "
                                            + "(a zip bomb?); it was not imported");
                        }
                    }
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("The file starts like an XLSX workbook but is not a readable one");
        }
    }

    /** Hands the header row to {@code header}, then every data row to {@code rows} (of a workbook: its first sheet). */
    public static void read(Path file, Format format, Consumer<List<String>> header, Consumer<RawRow> rows) throws IOException {
        if (format == Format.XLSX) {
            readXlsx(file, true, (name, h) -> header.accept(h), rows);
        } else {
            readCsv(file, header, rows);
        }
    }

    /** Hands each sheet's name (none for a CSV file) and header row to {@code sheet}, then its data rows to {@code rows}. */
    public static void readSheets(Path file, Format format, java.util.function.BiConsumer<String, List<String>> sheet, Consumer<RawRow> rows)
            throws IOException {
        if (format == Format.XLSX) {
            readXlsx(file, false, sheet, rows);
        } else {
            readCsv(file, header -> sheet.accept(null, header), rows);
        }
    }

    private static void readCsv(Path file, Consumer<List<String>> onHeader, Consumer<RawRow> rows) throws IOException {
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get();
        try (Reader reader = new BufferedReader(java.nio.channels.Channels.newReader(Files.newByteChannel(file),
                charsetOf(file).newDecoder().onMalformedInput(CodingErrorAction.REPLACE), -1));
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(csv).get()) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            if (!header.isEmpty()) {
                header.set(0, header.get(0).replace("\uFEFF", ""));
            }
            onHeader.accept(header);
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cells::add);
                rows.accept(new RawRow((int) record.getRecordNumber() + 1, cells));
            }
        }
    }

    private static Charset charsetOf(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(1 << 20);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, utf8Boundary(bytes)));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return Charset.forName("GB18030");
        }
    }

    /** Length of the prefix that does not end inside a multi-byte UTF-8 sequence. */
    private static int utf8Boundary(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xff;
            if ((b & 0xc0) == 0xc0) {
                return end - back;
            }
            if ((b & 0x80) == 0) {
                return end;
            }
        }
        return end;
    }

    private static void readXlsx(Path file, boolean firstOnly, java.util.function.BiConsumer<String, List<String>> onHeader,
            Consumer<RawRow> rows) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            // hidden sheets hold what a workbook's own forms need (drop-down lists), not rows
            List<Sheet> sheets = firstOnly ? List.of(firstSheet(workbook))
                    : workbook.getSheets().filter(s -> s.getVisibility() == org.dhatim.fastexcel.reader.SheetVisibility.VISIBLE).toList();
            for (Sheet sheet : sheets) {
                readSheet(sheet, onHeader, rows);
            }
        }
    }

    /** A sheet's first non-empty row is its header; an empty sheet of a workbook with others is skipped. */
    private static void readSheet(Sheet sheet, java.util.function.BiConsumer<String, List<String>> onHeader, Consumer<RawRow> rows)
            throws IOException {
        try (Stream<Row> sheetRows = sheet.openStream()) {
            List<String> header = null;
            Iterator<Row> it = sheetRows.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>(row.getCellCount());
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header == null) {
                    header = cells;
                    onHeader.accept(sheet.getName(), header);
                } else {
                    rows.accept(new RawRow(row.getRowNum(), cells));
                }
            }
            if (header == null && sheet.getIndex() == 0) {
                onHeader.accept(sheet.getName(), List.of());
            }
        }
    }

    private static Sheet firstSheet(ReadableWorkbook workbook) {
        return workbook.getFirstSheet();
    }

    /** Cell text; numbers in plain notation, so that "1.3812345678E10" reads as 13812345678. */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber();
            return number.stripTrailingZeros().toPlainString();
        }
        return cell.getText() == null ? "" : cell.getText().strip();
    }

    /** An Excel date serial ("45291") or a date text (2026-01-05, 2026/1/5, 20260105). */
    public static LocalDate date(String text) {
        String t = text.strip();
        if (t.matches("\\d{5}(\\.\\d+)?")) {
            return LocalDate.of(1899, 12, 30).plusDays((long) Double.parseDouble(t));
        }
        if (t.matches("\\d{8}")) {
            return LocalDate.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4, 6)), Integer.parseInt(t.substring(6)));
        }
        String[] parts = t.split("[-/.年月日]");
        if (parts.length >= 3) {
            return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        throw new IllegalArgumentException("not a date: " + text);
    }
}
