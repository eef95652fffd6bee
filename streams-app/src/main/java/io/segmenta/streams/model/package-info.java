/**
 * Models as the assigner serves them: the global store of models, validation and compilation into scorers, the
 * active model per task.
 */
package io.segmenta.streams.model;
