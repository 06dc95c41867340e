package dev.switchboard.servlet.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Daemon threads for closes that may wait on a container, made when needed and gone when idle. */
final class Closer {

    private static final ThreadPoolExecutor CLOSES = new ThreadPoolExecutor(4, 4, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "switchboard-servlet-close");
                thread.setDaemon(true);
                return thread;
            });

    static {
        CLOSES.allowCoreThreadTimeOut(true);
    }

    private Closer() {
    }

    static void run(Runnable close) {
        CLOSES.execute(close);
    }
}
