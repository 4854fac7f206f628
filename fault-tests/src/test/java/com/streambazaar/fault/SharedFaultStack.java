package com.streambazaar.fault;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One stack for the whole module run (starting it costs a minute): the first test class starts it, it stops when the
 * run ends and the run's report is printed. After every class, every process of the stack must be running: a test that
 * stopped or killed one brings it back itself, so a process found dead here crashed.
 */
public final class SharedFaultStack implements BeforeAllCallback, AfterAllCallback, ExtensionContext.Store.CloseableResource {

    private static FaultStack stack;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack != null) {
            return;
        }
        FaultStack started = new FaultStack();
        started.start();
        System.out.println("Fault stack ready through the edge in " + started.startTime().toMillis() + " ms ("
                + started.state() + ")");
        stack = started;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedFaultStack.class.getName(), this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> dead = stack.deadProcesses();
        assertEquals(List.of(), dead, "processes of the stack died during " + context.getDisplayName() + "\n"
                + stack.logs());
    }

    @Override
    public void close() throws Exception {
        if (stack != null) {
            RunReport.faults(stack.faults());
            RunReport.print();
            stack.stop();
            stack = null;
        }
    }

    static FaultStack stack() {
        if (stack == null) {
            throw new IllegalStateException("The stack is not started: annotate the test with @ExtendWith(SharedFaultStack.class)");
        }
        return stack;
    }
}
