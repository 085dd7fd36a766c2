package dev.schemaguard.consumers;

/**
 * One rule about the consumers of the database. A rule is one class in {@code dev.schemaguard.consumers.rules} with
 * a public no-argument constructor and its {@link dev.schemaguard.finding.RuleSpec}, as a static rule is: the
 * catalogue finds it. It judges what the consumer scan and the rehearsal established about the consumers' queries.
 */
public interface ConsumerRule {

    void check(ConsumerContext context);
}
