/**
 * Test support (a test-scoped dependency only): the one scripted fake BOSSWAVE agent ({@link
 * org.spawnpoint.testsupport.ScriptedAgent}) on a real loopback socket, and captured transcripts as frames.
 */
package org.spawnpoint.testsupport;
