package io.segmenta.app.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Creates topics and waits until every partition has a leader. Writing right after {@code createTopics}
 * returns can hit a partition that is not ready, and an idempotent producer then retries "out of order
 * sequence" until its records expire (KAFKA-15591): records silently lost. Waiting avoids that.
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Creates the missing ones among {@code topics} and waits for their leaders. */
    public static void createAndAwait(Admin admin, Collection<NewTopic> topics, Duration timeout)
            throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause(), e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            awaitLeaders(admin, topics.stream().map(NewTopic::name).collect(Collectors.toSet()), timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list or create topics: " + e.getCause(), e.getCause());
        }
    }

    static void awaitLeaders(Admin admin, Set<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                boolean ready = described.values().stream().allMatch(d -> d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException notYetVisible) {
                // metadata not propagated yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** A compacted topic (latest value per key survives). */
    public static NewTopic compacted(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact",
                "min.cleanable.dirty.ratio", "0.1", "segment.ms", "600000"));
    }

    /**
     * A plain topic that keeps everything. Replayed history carries event times as record timestamps, months or
     * years old: with the default 7-day retention the broker would roll and delete those segments within a minute,
     * under the feet of a consumer that has not read them yet.
     */
    public static NewTopic plain(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1"));
    }
}
