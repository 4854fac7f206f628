package com.streambazaar.bench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** What Linux says about a process ({@code /proc/<pid>/stat}, {@code /proc/<pid>/status}) and about the machine. */
public final class Proc {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on every Linux we run on). */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** CPU time (user + system) of a process so far, in microseconds; -1 when it is gone or unknown. */
    public static long cpuMicros(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of several processes together; a process that is gone counts as 0. */
    public static long cpuMicros(Collection<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Math.max(0, cpuMicros(pid));
        }
        return sum;
    }

    /** The CPU time of waited-for children as a shell reports it in its own stat (cutime + cstime), microseconds. */
    public static long childrenCpuMicros(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * (1_000_000L / TICKS_PER_SECOND);
    }

    /** Resident set size now, in MB; -1 when unknown. */
    public static double rssMb(long pid) {
        return statusKb(pid, "VmRSS:") / 1024.0;
    }

    /** The highest resident set size the process ever had (VmHWM), in MB; -1 when unknown. */
    public static double peakRssMb(long pid) {
        return statusKb(pid, "VmHWM:") / 1024.0;
    }

    private static long statusKb(long pid, String key) {
        if (pid <= 0) {
            return -1024;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1024;
    }

    public static boolean alive(long pid) {
        return pid > 0 && Files.exists(Path.of("/proc/" + pid + "/stat"));
    }

    /** The 1-minute load average. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** "model name" of the first CPU, for the results' machine line. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** Total memory in GiB. */
    public static long memoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
