/**
 * The demo's synthetic customers of known segments: a generator written together with the model, so quality
 * figures on it flatter us; every quality claim also needs independent data.
 */
package io.segmenta.app.demo.data;
