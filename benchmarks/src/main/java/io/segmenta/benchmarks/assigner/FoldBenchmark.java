package io.segmenta.benchmarks.assigner;

import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Events folded per second into 64 customers' profiles. {@code baselineReadFields} reads the same fields of the
 * same pre-built events without folding: the cost of touching the data at all. {@code foldWithCodec} adds what a
 * state store costs per event (decode the stored profile, fold, encode it again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FoldBenchmark {

    static final int EVENTS = 4096;
    private static final int CUSTOMERS = 64;

    private CustomerEvent[] events;
    private ProfileFolder folder;
    private CustomerProfile[] profiles;
    private byte[][] stored;

    @Setup
    public void setUp() {
        events = BenchmarkData.events(EVENTS, 7);
        folder = ProfileFolder.forSpec(BenchmarkData.standardSpec());
        profiles = new CustomerProfile[CUSTOMERS];
        stored = new byte[CUSTOMERS][];
        for (int p = 0; p < CUSTOMERS; p++) {
            profiles[p] = folder.newProfile();
            stored[p] = ProfileCodec.encode(profiles[p]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long baselineReadFields() {
        long sum = 0;
        for (CustomerEvent e : events) {
            sum += e.getEventTime().toEpochMilli() + e.getType().ordinal();
            Double amount = e.getAmount();
            if (amount != null) {
                sum += Double.doubleToRawLongBits(amount);
            }
            String category = e.getProductCategory();
            if (category != null) {
                sum += category.hashCode();
            }
            String channel = e.getChannel();
            if (channel != null) {
                sum += channel.length();
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public CustomerProfile fold() {
        CustomerProfile[] ps = profiles;
        CustomerEvent[] es = events;
        for (int i = 0; i < es.length; i++) {
            folder.fold(ps[i & (CUSTOMERS - 1)], es[i]);
        }
        return ps[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public byte[] foldWithCodec() {
        byte[][] s = stored;
        CustomerEvent[] es = events;
        for (int i = 0; i < es.length; i++) {
            int c = i & (CUSTOMERS - 1);
            CustomerProfile p = ProfileCodec.decode(s[c]);
            folder.fold(p, es[i]);
            s[c] = ProfileCodec.encode(p);
        }
        return s[0];
    }
}
