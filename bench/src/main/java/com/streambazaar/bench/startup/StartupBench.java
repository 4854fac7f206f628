package com.streambazaar.bench.startup;

import com.streambazaar.bench.core.Proc;
import com.streambazaar.bench.stack.LocalStack;
import com.streambazaar.bench.stack.Stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up of each service on its own: {@code BAZAAR_SERVICES=<one> ./bazaar up -d} on the benchmark's state (its
 * database migrated, its topics there, as a restart finds them), the launcher's "ready in" for the service (JVM start to
 * {@code /q/health/ready} answering 200), and its RSS a few seconds later, idle.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static List<Map<String, Object>> run(LocalStack.Settings settings, List<String> services) throws Exception {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (String service : services) {
            try (LocalStack alone = LocalStack.start(settings.withServices(service, 1))) {
                Thread.sleep(3000);
                Stack stack = alone.stack();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("scenario", "start-up-alone");
                figures.put("service", service);
                figures.put("readySeconds", alone.startUp().readySeconds().get(service));
                figures.put("stackSeconds", alone.startUp().stackSeconds());
                figures.put("idleRssMb", Math.round(Proc.rssMb(stack.pid(service)) * 10) / 10.0);
                all.add(figures);
                System.out.println("  " + figures);
            }
        }
        return all;
    }
}
