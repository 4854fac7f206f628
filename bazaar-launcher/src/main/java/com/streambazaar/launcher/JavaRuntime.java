package com.streambazaar.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How child JVMs are started: with the same {@code java} that runs the launcher (so {@code ./bazaar}'s
 * Java check covers them all), and for the broker with the launcher's own dependency folder as classpath.
 *
 * @param executable       {@code $JAVA_HOME/bin/java} of this JVM
 * @param libraryClasspath {@code target/lib/*} beside the launcher jar, or this JVM's classpath when the
 *                         launcher runs from classes (an IDE, tests)
 */
public record JavaRuntime(String executable, String libraryClasspath) {

    public static JavaRuntime current() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new JavaRuntime(java, findLibraryClasspath());
    }

    private static String findLibraryClasspath() {
        try {
            Path location = Path.of(JavaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = location.resolveSibling("lib");
            if (Files.isRegularFile(location) && Files.isDirectory(lib)) {
                // the java launcher expands "dir/*" itself: no shell, no 100-jar command line
                return lib + "/*";
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to our own classpath below
        }
        return System.getProperty("java.class.path");
    }
}
