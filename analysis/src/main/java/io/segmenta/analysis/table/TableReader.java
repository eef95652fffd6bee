package io.segmenta.analysis.table;

import io.segmenta.analysis.UserError;
import io.segmenta.transactions.Delimiter;
import io.segmenta.transactions.TransactionMappings;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a customer table: CSV, TSV, semicolon- or pipe-separated (detected from the header line), first line the
 * header. Blank header names become {@code column_<n>}, repeated ones get a suffix; short rows are padded with empty
 * cells. Every problem a user can fix is a {@link UserError}.
 */
public final class TableReader {

    private TableReader() {
    }

    public static RawTable read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory; a customer table is one file (a directory of transaction "
                    + "files needs --mapping)");
        }
        String first;
        try {
            first = TransactionMappings.firstLine(file);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        if (first == null || first.isBlank()) {
            throw new UserError(file + " is empty");
        }
        Delimiter delimiter = Delimiter.detect(first);
        List<String[]> records = new ArrayList<>();
        try (BufferedReader in = io.segmenta.transactions.TextFiles.open(file)) {
            if (delimiter == Delimiter.WHITESPACE) {
                in.lines().map(Delimiter::splitWhitespace).filter(r -> r.length > 0).forEach(records::add);
            } else {
                CSVParser parser = CSVParser.parse(in, delimiter.csvFormat());
                for (CSVRecord r : parser) {
                    records.add(r.values());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot read " + file + " as " + delimiter.displayName() + "-separated text: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        if (records.isEmpty()) {
            throw new UserError(file + " is empty");
        }
        List<String> header = uniqueNames(records.get(0));
        List<String[]> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            String[] r = records.get(i);
            if (r.length == 1 && r[0].isBlank()) {
                continue;
            }
            String[] cells = new String[header.size()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = j < r.length ? r[j] : "";
            }
            rows.add(cells);
        }
        if (rows.isEmpty()) {
            throw new UserError(file + " has a header but no data rows");
        }
        return new RawTable(file.toString(), delimiter, header, rows);
    }

    static List<String> uniqueNames(String[] raw) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            String name = raw[i].replace("\uFEFF", "").strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            out.add(unique);
        }
        return out;
    }
}
