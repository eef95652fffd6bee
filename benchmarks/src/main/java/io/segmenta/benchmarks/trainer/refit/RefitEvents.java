package io.segmenta.benchmarks.trainer.refit;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The benchmark's input, generated index by index (so that 1 M customers need no list in memory), in four phases:
 *
 * <ol>
 *   <li>{@link #EARLY} events of distinct customers just after the start of the training day: the first watermark
 *       the workers see closes the (empty) window that ends at the start of that day, a pass over a handful of
 *       customers that publishes nothing; the generator waits until both workers have logged it, so that this
 *       warm-up pass never walks the real customers;</li>
 *   <li>the N customers' events, all inside the same training day {@code [DAY_START, DAY_END)}: every customer one
 *       event, the first half of them two more (1 or 3 events each, 2 on average), in four behaviour kinds;</li>
 *   <li>{@link #CLOSERS} events of extra customers 10 minutes after the day's end: the watermark
 *       (out-of-orderness 5 min) passes the window end on both workers, which starts the measured pass;</li>
 *   <li>one last index that blocks until the job is cancelled, so that the end of input (which would close a second,
 *       end-of-input window and compete for the CPU with the reducer) never comes.</li>
 * </ol>
 */
final class RefitEvents implements GeneratorFunction<Long, RawRecord> {

    static final long DAY = 86_400_000L;
    /** End of the measured training window (exclusive); a day boundary in the past, so no event is "from the future". */
    static final long DAY_END = Instant.parse("2025-03-02T00:00:00Z").toEpochMilli();
    static final long DAY_START = DAY_END - DAY;
    static final int EARLY = 4;
    static final int CLOSERS = 64;
    static final String TOPIC = "customer-events";

    private final int customers;
    private final Map<String, String> registryConfig;
    private transient AvroSerializer<CustomerEvent> serializer;

    RefitEvents(int customers, Map<String, String> registryConfig) {
        this.customers = customers;
        this.registryConfig = Map.copyOf(registryConfig);
    }

    /** Indices the source emits, the blocking last one included. */
    static long count(int customers) {
        return EARLY + 2L * customers + CLOSERS + 1;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        serializer = new AvroSerializer<>(RestSchemaRegistryClient.fromProperties(registryConfig), false);
    }

    @Override
    public RawRecord map(Long boxed) throws Exception {
        long i = boxed;
        CustomerEvent event;
        if (i < EARLY) {
            if (i == 0) {
                Probe.loadStarted = System.nanoTime();
            }
            event = simple("early-" + i, DAY_START + 10 * 60_000L + i * 1000, EventType.PAGE_VIEW, "e-early-" + i);
        } else if (i < EARLY + 2L * customers) {
            if (i == EARLY) {
                // let the warm-up pass (the window ending at DAY_START) run on both workers before the real customers
                Probe.awaitPasses(2, 60_000);
                Probe.mainStarted = System.nanoTime();
            }
            event = event(i - EARLY, customers);
            long done = i - EARLY + 1;
            if (done % 200_000 == 0) {
                Probe.progress(done, 2L * customers);
            }
            if (done == 2L * customers) {
                Probe.lastWindowEventEmitted = System.nanoTime();
            }
        } else if (i < EARLY + 2L * customers + CLOSERS) {
            long c = i - EARLY - 2L * customers;
            if (c == 0) {
                Probe.firstCloserEmitted = System.nanoTime();
            }
            event = simple("closer-" + c, DAY_END + 10 * 60_000L + c, EventType.PAGE_VIEW, "e-closer-" + c);
        } else {
            // keep the input open (no end-of-input window) until the harness cancels the job
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(50);
            }
            throw new InterruptedException("cancelled");
        }
        return new RawRecord(TOPIC, 0, i, event.getEventTime().toEpochMilli(),
                event.getCustomerId().getBytes(StandardCharsets.UTF_8), serializer.serialize(TOPIC, event));
    }

    /** Event number {@code j} of the main phase: round 0 gives every customer one event, rounds 1 and 2 the first half two more. */
    static CustomerEvent event(long j, int customers) {
        int half = (customers + 1) / 2;
        int customer;
        int round;
        if (j < customers) {
            customer = (int) j;
            round = 0;
        } else {
            long r = j - customers;
            customer = (int) (r % half);
            round = 1 + (int) (r / half);
        }
        long h = mix(customer);
        int kind = (int) Math.floorMod(h, 4L);
        long t = DAY_START + 3_600_000L + Math.floorMod(h >>> 8, 20 * 3_600_000L) + round * 1_800_000L;
        double u = (Math.floorMod(h >>> 20, 10_000L) + round * 37) % 10_000 / 10_000.0;
        EventType type;
        Double amount = null;
        switch (kind) {
            case 0 -> { // big spenders
                type = round == 1 ? EventType.PAGE_VIEW : EventType.PURCHASE;
                amount = type == EventType.PURCHASE ? 100 + 200 * u : null;
            }
            case 1 -> { // small baskets, refunds
                type = round == 1 ? EventType.REFUND : EventType.PURCHASE;
                amount = type == EventType.REFUND ? 10.0 : 10 + 20 * u;
            }
            case 2 -> // browsers
                    type = round == 1 ? EventType.SESSION_START : EventType.PAGE_VIEW;
            default -> { // carts
                type = round == 0 ? EventType.ADD_TO_CART : round == 1 ? EventType.PURCHASE : EventType.PAGE_VIEW;
                amount = type == EventType.PURCHASE ? 40 + 40 * u : null;
            }
        }
        CustomerEvent.Builder b = CustomerEvent.newBuilder().setEventId("e" + j).setCustomerId("c" + customer)
                .setEventTime(Instant.ofEpochMilli(t)).setType(type).setChannel((h & 1) == 0 ? "web" : "app");
        if (amount != null) {
            b.setAmount(amount).setCurrency("EUR").setQuantity(1 + (int) Math.floorMod(h >>> 40, 3L))
                    .setProductCategory("cat" + Math.floorMod(h >>> 44, 5L));
        }
        return b.build();
    }

    private static CustomerEvent simple(String customer, long time, EventType type, String id) {
        return CustomerEvent.newBuilder().setEventId(id).setCustomerId(customer).setEventTime(Instant.ofEpochMilli(time))
                .setType(type).setChannel("web").build();
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
