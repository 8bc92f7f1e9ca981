package io.camelrtms.simulator;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Vert.x context a simulated stream lives on, and the ways other threads get work done there:
 * fire and forget, or wait for the result. Confining a stream to one context is what lets its
 * engine keep its state without locks.
 */
final class StreamContext {

    private static final System.Logger LOG = System.getLogger(StreamContext.class.getName());

    private final Context context;
    private final String streamId;

    StreamContext(Context context, String streamId) {
        this.context = context;
        this.streamId = streamId;
    }

    Context context() {
        return context;
    }

    /** Runs on the context (directly when already on it); a failure is logged, not thrown. */
    void run(Runnable r) {
        Runnable guarded = () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "simulated stream " + streamId + " failed", e);
            }
        };
        if (Vertx.currentContext() == context) {
            guarded.run();
        } else {
            context.runOnContext(v -> guarded.run());
        }
    }

    /**
     * Runs on the context and waits for the result (directly when already on it). Waiting on
     * another Vert.x event loop could deadlock (it may be the very thread of this context), so
     * that is refused.
     */
    <T> T call(Callable<T> task) {
        if (Vertx.currentContext() == context) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("this simulator call waits for a result and cannot be made on a Vert.x event loop; "
                    + "call it from a test or worker thread");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs an action on the context; waits for it unless the caller is on an event loop. */
    void apply(Runnable action) {
        if (Vertx.currentContext() == context || Context.isOnEventLoopThread()) {
            run(action);
        } else {
            call(() -> {
                action.run();
                return null;
            });
        }
    }
}
