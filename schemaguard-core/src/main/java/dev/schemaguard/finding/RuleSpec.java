package dev.schemaguard.finding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a rule is, written once, on the class that judges it: the catalogue, {@code explain}, the SARIF rule table,
 * the documentation's header and the README's rule table are all read from here. The rule's kind is where its class
 * lives ({@link RuleKind#packageName()}), and its documentation body is {@code dev/schemaguard/rules/<id>.md}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleSpec {

    /** The stable id users write in configuration and suppressions. */
    String id();

    /** The group the documentation lists it under. */
    RuleGroup group();

    /** The severity it reports at, with the default configuration. */
    Severity severity();

    /** One sentence: what the rule finds. */
    String summary();

    /**
     * When the rule reports at another severity than {@link #severity()}, and which ("info when a later merge
     * revision joins the branches"); empty when it never does. A rule reports at its default severity unless this
     * says why not.
     */
    String otherwise() default "";
}
