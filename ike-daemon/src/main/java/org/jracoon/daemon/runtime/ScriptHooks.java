package org.jracoon.daemon.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jracoon.ike.engine.EngineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * racoon's {@code script "FILE" phase1_up|phase1_down|phase1_dead;}: on those events of an
 * ISAKMP SA the remote's script runs with the event name as its only argument and the SA's
 * endpoints in the environment (racoon isakmp.c script_hook): LOCAL_ADDR, LOCAL_PORT,
 * REMOTE_ADDR, REMOTE_PORT, REMOTE_ID. The daemon does not wait for it; a script that cannot
 * be started or exits with a failure costs one log line.
 */
public final class ScriptHooks {

    private static final Logger LOG = LoggerFactory.getLogger("ike.ike");

    public enum Hook {
        PHASE1_UP, PHASE1_DOWN, PHASE1_DEAD;

        /** The name racoon.conf uses and the script gets as argv[1]. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The scripts of one remote section; {@code peer} empty for {@code remote anonymous}. */
    public record Remote(Optional<InetAddress> peer, Map<Hook, Path> scripts) {
        public Remote {
            scripts = Map.copyOf(scripts);
        }
    }

    public static final ScriptHooks NONE = new ScriptHooks(List.of());

    private final List<Remote> remotes;

    public ScriptHooks(List<Remote> remotes) {
        this.remotes = List.copyOf(remotes);
    }

    /** Runs the scripts an engine event asks for: phase1_up, or phase1_dead (DPD) then phase1_down. */
    void on(EngineEvent event) {
        if (event instanceof EngineEvent.Phase1Established e) {
            run(Hook.PHASE1_UP, e.local(), e.peer(), e.peerId());
        } else if (event instanceof EngineEvent.Phase1Down e) {
            if (e.dead()) {
                run(Hook.PHASE1_DEAD, e.local(), e.peer(), e.peerId());
            }
            run(Hook.PHASE1_DOWN, e.local(), e.peer(), e.peerId());
        }
    }

    /** The script of the remote section for this peer (its own, else anonymous), if it has one for the hook. */
    public Optional<Path> script(InetAddress peer, Hook hook) {
        Optional<Remote> remote = remotes.stream().filter(r -> r.peer().equals(Optional.of(peer))).findFirst()
                .or(() -> remotes.stream().filter(r -> r.peer().isEmpty()).findFirst());
        return remote.map(r -> r.scripts().get(hook));
    }

    private void run(Hook hook, InetSocketAddress local, InetSocketAddress peer, String peerId) {
        Optional<Path> script = script(peer.getAddress(), hook);
        if (script.isEmpty()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(script.get().toString(), hook.keyword())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("LOCAL_ADDR", local.getAddress().getHostAddress());
        env.put("LOCAL_PORT", Integer.toString(local.getPort()));
        env.put("REMOTE_ADDR", peer.getAddress().getHostAddress());
        env.put("REMOTE_PORT", Integer.toString(peer.getPort()));
        env.put("REMOTE_ID", peerId);
        String what = hook.keyword() + " script " + script.get() + " for " + peer.getAddress().getHostAddress();
        try {
            Process process = builder.start();
            LOG.info("{} started", what);
            process.onExit().thenAccept(p -> {
                if (p.exitValue() != 0) {
                    LOG.warn("{} exited with {}", what, p.exitValue());
                }
            });
        } catch (IOException e) {
            LOG.warn("{} not run: {}", what, e.getMessage());
        }
    }
}
