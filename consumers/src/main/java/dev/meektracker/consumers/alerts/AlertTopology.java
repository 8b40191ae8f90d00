package dev.meektracker.consumers.alerts;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert evaluator as a Kafka Streams topology: gap-estimates in, transitions out to gap-alerts.
 * Run with exactly_once_v2, the per-rule state (a changelogged store), the alerts written and the
 * offsets consumed commit in one transaction, so a crash and restart neither repeats nor loses a
 * transition.
 */
public final class AlertTopology {

    public static final String STATE_STORE = "alert-rule-states";

    private AlertTopology() {}

    public static Topology build(Topics topics, List<AlertRule> rules) {
        JsonSerde<GapAlert> alertSerde = JsonSerde.of(GapAlert.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STATE_STORE), Serdes.String(), JsonSerde.of(RuleState.class)));
        AlertEvaluator evaluator = new AlertEvaluator(rules);
        builder.stream(
                        topics.gapEstimates().name(),
                        Consumed.with(Serdes.String(), topics.gapEstimates().valueSerde())
                                .withName("read-gap-estimates"))
                .process(() -> new Evaluate(evaluator), Named.as("evaluate-rules"), STATE_STORE)
                .to(
                        topics.gapAlerts().name(),
                        Produced.with(Serdes.String(), alertSerde).withName("write-gap-alerts"));
        return builder.build();
    }

    private static final class Evaluate implements Processor<String, GapEstimate, String, GapAlert> {
        private final AlertEvaluator evaluator;
        private ProcessorContext<String, GapAlert> context;
        private KeyValueStore<String, RuleState> states;

        Evaluate(AlertEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public void init(ProcessorContext<String, GapAlert> context) {
            this.context = context;
            this.states = context.getStateStore(STATE_STORE);
        }

        @Override
        public void process(Record<String, GapEstimate> record) {
            if (record.value() == null) {
                return;
            }
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            for (GapAlert a : evaluator.evaluate(record.value(), states::get, states::put, now)) {
                context.forward(record.withKey(a.fingerprint()).withValue(a));
            }
        }
    }
}
