package io.segmenta.benchmarks.replay;

import io.segmenta.schemas.config.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay benchmark's options; see {@link #usage()}.
 *
 * @param events             events pre-loaded, warm-up included
 * @param warmupEvents       first events of each run not counted in its steady rate (JIT, rebalance, restoration)
 * @param xmx                -Xmx of every measured JVM (baselines, replay, Flink jobs): the bound on their heap
 * @param trainerWindow      the backfill's training window (ISO-8601 or e.g. 7d); the synthetic history spans days
 * @param checkpointInterval the Flink jobs' checkpoints, which also commit their source offsets (the steady clock)
 * @param flinkPassThrough   run the Flink pass-through beside the trainer backfill
 * @param replayProperties   extra replay settings, {@code key=value} (as {@code segment replay -D})
 * @param out                also write the report there; null for stdout only
 */
record ReplayOptions(long events, long warmupEvents, int customers, int partitions, String xmx, String brokerXmx,
                     int k, long seed, String trainerWindow, Duration checkpointInterval, int parallelism,
                     boolean flinkPassThrough, boolean trainer, List<String> replayProperties, Path out, Path workDir,
                     boolean keep, boolean quick) {

    static ReplayOptions defaults() {
        return new ReplayOptions(1_000_000, 400_000, 60_000, 4, "1g", "1g", 6, 42, "P7D", Duration.ofSeconds(1), 2,
                true, true, List.of(), null, null, false, false);
    }

    /** The drain time-out of one run: generous, a loaded machine may be 10 times slower than a quiet one. */
    Duration runTimeout() {
        return Duration.ofSeconds(Math.max(180, events / 1_000));
    }

    static String usage() {
        ReplayOptions d = defaults();
        return """
                ReplayBenchmark (benchmarks/bench replay): replay throughput, assigner replay and trainer backfill, against
                the pass-through and the state floor measured in the same run on the same events (separate JVMs).
                  --events N              events pre-loaded, warm-up included (%d)
                  --warmup-events N       first events of each run not counted in the steady rate (%d)
                  --customers N           customers they belong to (%d)
                  --partitions N          partitions of the events topic (%d)
                  --xmx SIZE              -Xmx of every measured JVM (%s)
                  --broker-xmx SIZE       -Xmx of the broker JVM (%s)
                  --k N                   segments of the model and of the backfill (%d)
                  --seed N                seed of the data and the fit (%d)
                  --trainer-window D      the backfill's training window (%s)
                  --checkpoint-interval D the Flink jobs' checkpoint interval, e.g. 1s or PT2S (%s)
                  --parallelism N         the Flink jobs' parallelism (%d)
                  --no-flink-pass-through the trainer backfill without its Flink pass-through baseline
                  --no-trainer            no Flink runs at all (assigner replay only)
                  --replay-property K=V   a replay setting, as segment replay -D (repeatable), e.g.
                                          statestore.cache.max.bytes=10485760
                  --out FILE              also write the Markdown report to FILE
                  --work-dir DIR          keep broker data and logs there (default: a temporary folder, deleted)
                  --keep                  keep the temporary folder
                  --quick                 small run (about 2 minutes): 200k events (50k warm-up), 15k customers;
                                          its steady rates are mostly JIT warm-up, too short to quote
                """.formatted(d.events(), d.warmupEvents(), d.customers(), d.partitions(), d.xmx(), d.brokerXmx(),
                d.k(), d.seed(), d.trainerWindow(), d.checkpointInterval(), d.parallelism());
    }

    /** Parses the command line; {@code --quick} sets the sizes that later options may still override. */
    static ReplayOptions parse(String[] args) {
        ReplayOptions d = defaults();
        long events = d.events();
        long warmup = d.warmupEvents();
        int customers = d.customers();
        int partitions = d.partitions();
        String xmx = d.xmx();
        String brokerXmx = d.brokerXmx();
        int k = d.k();
        long seed = d.seed();
        String window = d.trainerWindow();
        Duration checkpoints = d.checkpointInterval();
        int parallelism = d.parallelism();
        boolean flinkPassThrough = true;
        boolean trainer = true;
        List<String> replayProperties = new ArrayList<>();
        Path out = null;
        Path workDir = null;
        boolean keep = false;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> {
                    quick = true;
                    events = 200_000;
                    warmup = 50_000;
                    customers = 15_000;
                }
                case "--keep" -> keep = true;
                case "--no-flink-pass-through" -> flinkPassThrough = false;
                case "--no-trainer" -> trainer = false;
                default -> {
                    if (i + 1 >= args.length || !a.startsWith("--")) {
                        throw new IllegalArgumentException((a.startsWith("--") ? "missing value of " : "unknown argument ")
                                + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--events" -> events = Long.parseLong(v);
                        case "--warmup-events" -> warmup = Long.parseLong(v);
                        case "--customers" -> customers = Integer.parseInt(v);
                        case "--partitions" -> partitions = Integer.parseInt(v);
                        case "--xmx" -> xmx = v;
                        case "--broker-xmx" -> brokerXmx = v;
                        case "--k" -> k = Integer.parseInt(v);
                        case "--seed" -> seed = Long.parseLong(v);
                        case "--trainer-window" -> window = v;
                        case "--checkpoint-interval" -> checkpoints = Durations.parse(v);
                        case "--parallelism" -> parallelism = Integer.parseInt(v);
                        case "--replay-property" -> {
                            if (!v.contains("=")) {
                                throw new IllegalArgumentException("--replay-property takes KEY=VALUE, got " + v);
                            }
                            replayProperties.add(v);
                        }
                        case "--out" -> out = Path.of(v);
                        case "--work-dir" -> workDir = Path.of(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        if (events < 1 || customers < 1 || partitions < 1 || parallelism < 1 || k < 2) {
            throw new IllegalArgumentException("--events, --customers, --partitions and --parallelism must be positive "
                    + "and --k at least 2");
        }
        if (warmup < 0 || warmup >= events) {
            throw new IllegalArgumentException("--warmup-events must be 0.." + (events - 1) + ", got " + warmup);
        }
        return new ReplayOptions(events, warmup, customers, partitions, xmx, brokerXmx, k, seed, window, checkpoints,
                parallelism, flinkPassThrough && trainer, trainer, List.copyOf(replayProperties), out, workDir, keep,
                quick);
    }
}
