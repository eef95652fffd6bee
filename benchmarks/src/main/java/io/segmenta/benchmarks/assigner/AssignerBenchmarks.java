package io.segmenta.benchmarks.assigner;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the assigner benchmarks with short settings (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement) and prints
 * ops/s with the ratio to the baseline of the same class. Usage: {@code java -cp <jar>:<deps> 
 * io.segmenta.benchmarks.assigner.AssignerBenchmarks [regex]}.
 */
public final class AssignerBenchmarks {

    /** Per benchmark class: the method that is its baseline. */
    private static final Map<String, String> BASELINES = Map.of(
            ScoringBenchmark.class.getSimpleName(), "floorSquaredDistance",
            FoldBenchmark.class.getSimpleName(), "baselineReadFields");

    private AssignerBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : AssignerBenchmarks.class.getPackageName() + "\\..*Benchmark\\..*";
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .jvmArgsAppend("-Xmx1g", "-XX:+UseParallelGC")
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        printTable(results);
    }

    private static void printTable(Collection<RunResult> results) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = shortName(r.getParams().getBenchmark());
            scores.put(name, r.getPrimaryResult().getScore());
            errors.put(name, r.getPrimaryResult().getScoreError());
        }
        System.out.printf("%n%-42s %16s %14s %10s%n", "benchmark", "ops/s", "+-", "vs base");
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            String name = e.getKey();
            String benchmarkClass = name.substring(0, name.indexOf('.'));
            Double base = scores.get(benchmarkClass + "." + BASELINES.get(benchmarkClass));
            String ratio = base == null ? "n/a" : String.format("%.2f", e.getValue() / base);
            System.out.printf("%-42s %,16.0f %,14.0f %10s%n", name, e.getValue(), errors.get(name), ratio);
        }
    }

    /** {@code pkg.Class.method} to {@code Class.method}. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}
