/**
 * Aura's model-file container: versioned, CRC32C-checksummed, written atomically, validated on
 * load, made of named typed sections so every model kind can reuse it ({@link
 * io.aura.models.persist.ModelFileWriter}, {@link io.aura.models.persist.ModelFile}). Never Java
 * serialization.
 */
package io.aura.models.persist;
