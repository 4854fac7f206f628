package com.streambazaar.bench.profile;

import java.nio.file.Path;
import java.util.List;

/** Where a scenario lets a profiler in: around its measured phase, for the processes that serve it. */
public interface ProfileHook {

    ProfileHook NONE = new ProfileHook() {
        @Override
        public void begin(String phase, List<Long> pids) {
        }

        @Override
        public void end(String phase, List<Long> pids) {
        }
    };

    void begin(String phase, List<Long> pids);

    void end(String phase, List<Long> pids);

    /** async-profiler into every pid; one flame graph and summary per phase and process. */
    static ProfileHook asyncProfiler(Path outDir) throws Exception {
        Profiler profiler = Profiler.fromMavenRepository(outDir);
        return new ProfileHook() {
            @Override
            public void begin(String phase, List<Long> pids) {
                for (long pid : pids) {
                    try {
                        profiler.start(pid);
                    } catch (Exception e) {
                        System.err.println("profiler: could not start in " + pid + ": " + e);
                    }
                }
            }

            @Override
            public void end(String phase, List<Long> pids) {
                for (long pid : pids) {
                    try {
                        String name = phase.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + pid;
                        Path summary = profiler.stop(pid, name, phase + " (pid " + pid + ")");
                        System.out.println("  profile: " + summary);
                    } catch (Exception e) {
                        System.err.println("profiler: could not stop in " + pid + ": " + e);
                    }
                }
            }
        };
    }
}
