package org.jracoon.ike.crypto;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs made ahead, off the thread that negotiates: g^x is half the modular exponentiation a
 * responder does per Main Mode, and here it happens on another core while the engine waits for
 * packets. The private values are short, as RFC 3526 section 8 allows ({@link
 * ModpGroup#generateShortKeyPair}). A group is filled from its first use on; when the pool is
 * empty the pair is made on the caller's thread, so a burst is slower, never refused.
 *
 * <p>Each pair is handed out once, and all of them, made here or on the caller's thread, are
 * computed by the pool's {@link CryptoProvider}. Other groups than {@link ModpGroup}s are drawn on
 * the spot.
 */
public final class DhKeyPool implements DhKeySource, AutoCloseable {

    private final int perGroup;
    private final RandomSource random;
    private final CryptoProvider crypto;
    private final Map<ModpGroup, BlockingQueue<DhKeyPair>> ready = new ConcurrentHashMap<>();
    private final BlockingQueue<ModpGroup> wanted = new ArrayBlockingQueue<>(ModpGroup.values().length * 2);
    private final Thread filler;
    private volatile boolean closed;

    /**
     * @param perGroup how many pairs of a group are kept ready
     * @param random the filler's own source (it runs on another thread than the engine)
     * @param crypto computes g^x here and g^xy later, in the exchange that takes the pair
     */
    public DhKeyPool(int perGroup, RandomSource random, CryptoProvider crypto) {
        if (perGroup < 1) {
            throw new IllegalArgumentException("a pool keeps at least one pair per group");
        }
        this.perGroup = perGroup;
        this.random = random;
        this.crypto = crypto;
        this.filler = new Thread(this::fill, "dh-key-pool");
        filler.setDaemon(true);
        filler.setPriority(Thread.MIN_PRIORITY);
        filler.start();
    }

    /** A pool whose pairs {@link CryptoProvider#JAVA} computes. */
    public DhKeyPool(int perGroup, RandomSource random) {
        this(perGroup, random, CryptoProvider.JAVA);
    }

    @Override
    public DhKeyPair keyPair(DhGroup group, RandomSource engineRandom) {
        if (!(group instanceof ModpGroup modp)) {
            return group.generateKeyPair(engineRandom, crypto);
        }
        BlockingQueue<DhKeyPair> queue = ready.computeIfAbsent(modp, g -> new ArrayBlockingQueue<>(perGroup));
        DhKeyPair pair = queue.poll();
        if (queue.remainingCapacity() > 0 && !wanted.contains(modp)) {
            wanted.offer(modp);
        }
        return pair != null ? pair : modp.generateShortKeyPair(engineRandom, crypto);
    }

    /** How many pairs of {@code group} are ready now. */
    public int ready(ModpGroup group) {
        BlockingQueue<DhKeyPair> queue = ready.get(group);
        return queue == null ? 0 : queue.size();
    }

    /** The filler's loop: top up each group asked for until it is full. */
    private void fill() {
        while (!closed) {
            ModpGroup group;
            try {
                group = wanted.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (group == null) {
                continue;
            }
            BlockingQueue<DhKeyPair> queue = ready.get(group);
            while (!closed && queue.remainingCapacity() > 0) {
                queue.offer(group.generateShortKeyPair(random, crypto));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        filler.interrupt();
    }
}
