package dev.switchboard.internal.http;

import java.util.concurrent.CountDownLatch;

/**
 * What keeps a started server's JVM alive until the server is closed, as Jetty's and Javalin's servers do: one
 * thread that is not a daemon and only waits (the server's pools stay daemons, so that nothing they run can hold
 * the JVM once the server is closed), and, if asked, a shutdown hook that closes the server on SIGTERM or Ctrl+C.
 */
public final class Lifeline {

    private final CountDownLatch released = new CountDownLatch(1);
    private Thread hook;

    /**
     * Starts the thread, named {@code switchboard-keepalive-}<i>port</i>, and registers {@code onShutdown} as a
     * shutdown hook named {@code switchboard-shutdown-}<i>port</i>, unless it is null; does nothing once released.
     */
    public synchronized void hold(int port, Runnable onShutdown) {
        if (released.getCount() == 0) {
            return;
        }
        Thread keepAlive = new Thread(this::awaitUninterruptibly, "switchboard-keepalive-" + port);
        keepAlive.setDaemon(false);
        keepAlive.start();
        if (onShutdown != null) {
            Thread registered = new Thread(onShutdown, "switchboard-shutdown-" + port);
            try {
                Runtime.getRuntime().addShutdownHook(registered);
                hook = registered;
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: nothing is left for a hook to wait for.
            }
        }
    }

    /**
     * Lets the JVM go: the thread ends and the hook is removed, so that servers closed otherwise (many, in tests)
     * leave no hooks behind; everyone waiting in {@link #await()} returns.
     */
    public synchronized void release() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down, so the hook runs anyway: it finds the server closed.
            }
        }
        hook = null;
        released.countDown();
    }

    /** Waits until {@link #release()} is called. */
    public void await() throws InterruptedException {
        released.await();
    }

    private void awaitUninterruptibly() {
        while (true) {
            try {
                released.await();
                return;
            } catch (InterruptedException e) {
                // Only release() ends this thread: an interrupt from elsewhere must not let the JVM exit.
            }
        }
    }
}
