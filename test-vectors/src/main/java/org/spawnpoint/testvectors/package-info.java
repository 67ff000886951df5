/**
 * The captured test vectors (the spec's {@code vectors/}) on the classpath, and byte-exact comparison naming the first
 * differing byte ({@link org.spawnpoint.testvectors.Vectors}). A test-scoped dependency only.
 */
package org.spawnpoint.testvectors;
