package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void oneLauncherPerFolder() {
        StateDirectory state = new StateDirectory(dir);
        state.create();
        assertFalse(state.launcherRunning());
        Optional<FileLock> lock = state.lock();
        assertTrue(lock.isPresent());
        assertTrue(state.launcherRunning(), "a second lock attempt must see the first");
        StateDirectory.release(lock.get());
        assertFalse(state.launcherRunning());
    }

    @Test
    void keepsPidFilesPerProcess() {
        StateDirectory state = new StateDirectory(dir);
        state.create();
        state.writePid(StateDirectory.LAUNCHER, 1);
        state.writePid("kafka", 42);
        state.writePid("auth", 43);
        assertEquals(List.of("auth", "kafka"), state.pidFileNames(), "the launcher's own pid file is not a child's");
        assertEquals(OptionalLong.of(42), state.readPid("kafka"));
        state.deletePid("kafka");
        assertEquals(OptionalLong.empty(), state.readPid("kafka"));
    }

    @Test
    void keepsThePreviousLogAndTailsTheCurrentOne() throws Exception {
        StateDirectory state = new StateDirectory(dir);
        state.create();
        Files.writeString(state.freshLog("auth"), "old run\n");
        Path log = state.freshLog("auth");
        Files.writeString(log, "one\ntwo\nthree\n");
        assertEquals("old run\n", Files.readString(state.logsDir().resolve("auth.log.1")));
        assertEquals("two" + System.lineSeparator() + "three", state.logTail("auth", 2));
    }

    @Test
    void roundTripsTheStackDescription() {
        StateDirectory state = new StateDirectory(dir);
        state.create();
        Properties stack = new Properties();
        stack.setProperty("edge.url", "http://localhost:3000");
        state.writeStack(stack);
        assertEquals("http://localhost:3000", state.readStack().orElseThrow().getProperty("edge.url"));
        state.deleteStack();
        assertTrue(state.readStack().isEmpty());
    }

    @Test
    void marksChildJvmsWithTheAbsoluteFolder() {
        assertEquals("-Dbazaar.stack=" + dir.toAbsolutePath().normalize(), new StateDirectory(dir).processMarker());
    }
}
