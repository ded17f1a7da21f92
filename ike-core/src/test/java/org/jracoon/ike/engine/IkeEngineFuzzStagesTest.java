package org.jracoon.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.jracoon.ike.engine.IkeEngineFuzzTest.Stage;
import org.junit.jupiter.api.Test;

/**
 * The engine fuzz target starts deep only if each stage's engine takes A's next datagram (its
 * seed) as the real next message: B answers it, and after MM5 it has phase 1.
 */
class IkeEngineFuzzStagesTest {

    @Test
    void eachStageAnswersTheNextDatagramOfTheNegotiation() {
        List<Datagram> fromA = List.copyOf(IkeEngineFuzzTest.negotiated(Stage.ESTABLISHED).a.sink.sent);
        assertEquals(6, fromA.size(), "MM1, MM3, MM5, an Informational, QM1, QM3");
        List<Stage> stages = List.of(Stage.AWAITING_MM3, Stage.AWAITING_MM5, Stage.AWAITING_QM1);
        int[] next = {1, 2, 4};
        for (int i = 0; i < stages.size(); i++) {
            EnginePair pair = IkeEngineFuzzTest.negotiated(stages.get(i));
            pair.b.sink.outbox.clear();
            Datagram datagram = fromA.get(next[i]);
            pair.b.engine.receive(new Datagram(datagram.data(), pair.b.endpoint(), pair.a.endpoint()));
            assertFalse(pair.b.sink.outbox.isEmpty(), stages.get(i) + " answers A's next datagram");
            if (stages.get(i) == Stage.AWAITING_MM5) {
                assertEquals(1, pair.b.sink.events(EngineEvent.Phase1Established.class).size());
            }
        }
    }
}
