package io.segmenta.streams.processor;

import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.streams.model.CompiledModel;
import io.segmenta.streams.state.CurrentAssignment;

import java.time.Instant;
import java.util.List;

/** The Avro values the assigner emits, built from a fresh scoring. */
final class SegmentOutputs {

    private SegmentOutputs() {
    }

    static SegmentChange change(String customerId, CurrentAssignment previous, Assignment now, CompiledModel model,
                                ChangeCause cause, long eventMillis, long wallMillis) {
        return SegmentChange.newBuilder()
                .setCustomerId(customerId)
                .setPreviousSegmentId(previous == null ? null : previous.segmentId())
                .setPreviousLabel(previous == null ? null : previous.label())
                .setPreviousModelVersion(previous == null ? null : previous.modelVersion())
                .setSegmentId(now.segmentId())
                .setLabel(now.label())
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setCause(cause)
                .setDistance(now.distance())
                .setConfidence(now.confidence())
                .setEventTime(Instant.ofEpochMilli(eventMillis))
                .setEmittedAt(Instant.ofEpochMilli(wallMillis))
                .build();
    }

    static SegmentAssignment assignment(String customerId, Assignment now, CompiledModel model,
                                        List<FeatureContribution> explanation, long eventMillis, long wallMillis) {
        return SegmentAssignment.newBuilder()
                .setCustomerId(customerId)
                .setSegmentId(now.segmentId())
                .setLabel(now.label())
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setDistance(now.distance())
                .setConfidence(now.confidence())
                .setExplanation(explanation)
                .setEventTime(Instant.ofEpochMilli(eventMillis))
                .setAssignedAt(Instant.ofEpochMilli(wallMillis))
                .build();
    }
}
