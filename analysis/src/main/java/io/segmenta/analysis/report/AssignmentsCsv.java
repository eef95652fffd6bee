package io.segmenta.analysis.report;

import io.segmenta.analysis.Analysis;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code assignments.csv}: id, segment, label per customer; DBSCAN's unassigned rows are segment -1, "noise". */
public final class AssignmentsCsv {

    private AssignmentsCsv() {
    }

    public static void write(Analysis a, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                     .setHeader("id", "segment", "label").get())) {
            int[] labels = a.best().labels();
            for (int i = 0; i < labels.length; i++) {
                csv.printRecord(a.table().ids().get(i), labels[i], a.labelOfRow(i));
            }
        }
    }
}
