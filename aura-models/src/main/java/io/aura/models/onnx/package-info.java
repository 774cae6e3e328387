/**
 * ONNX models run through ONNX Runtime: {@link io.aura.models.onnx.OnnxModel} loads any ONNX graph
 * and runs float32 tensors with declared-shape checks; {@link
 * io.aura.models.onnx.OnnxAutoencoderDetector} turns an autoencoder into an {@link
 * io.aura.models.detect.AnomalyModel} (reconstruction error as the score). This is how neural
 * members (LSTMs, autoencoders trained in PyTorch) enter Aura without a deep-learning stack.
 *
 * <p>ONNX Runtime is an optional dependency of {@code aura-models}: add {@code
 * com.microsoft.onnxruntime:onnxruntime} to use this package; nothing else in Aura loads it. Tree
 * ensembles are exported to ONNX by {@link io.aura.models.trees.TreeEnsembleOnnx}. See {@code
 * docs/onnx.md}.
 */
package io.aura.models.onnx;
