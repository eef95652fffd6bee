/**
 * {@code segment demo}: the whole pipeline in one process (embedded broker, registry, trainer on a MiniCluster,
 * assigner), its feeds, live view and summary.
 */
package io.segmenta.app.demo;
