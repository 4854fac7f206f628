package com.streambazaar.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for every system test class of the run: starting it costs tens of seconds, so the first class that needs
 * it starts it and it stops when the whole run ends. Use with {@code @ExtendWith(SharedStack.class)} and
 * {@link #stack()}.
 */
public final class SharedStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static StackUnderTest stack;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack != null) {
            return;
        }
        StackUnderTest started = new StackUnderTest();
        started.start();
        System.out.println("Stack ready through the edge in " + started.startTime().toMillis() + " ms");
        stack = started;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedStack.class.getName(), this);
    }

    @Override
    public void close() throws Exception {
        if (stack != null) {
            stack.stop();
            stack = null;
        }
    }

    static StackUnderTest stack() {
        if (stack == null) {
            throw new IllegalStateException("The stack is not started: annotate the test with @ExtendWith(SharedStack.class)");
        }
        return stack;
    }
}
