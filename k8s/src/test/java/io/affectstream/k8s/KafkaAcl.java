package io.affectstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Kafka ACL rule, flattened from a Strimzi KafkaUser ({@code spec.authorization.acls}): allow
 * {@code operation} on the resource {@code type}/{@code name} matched {@code literal} or by {@code prefix}.
 */
record KafkaAcl(String type, String name, String patternType, String operation) implements Comparable<KafkaAcl> {

    static KafkaAcl literal(String type, String name, String operation) {
        return new KafkaAcl(type, name, "literal", operation);
    }

    static KafkaAcl prefix(String type, String name, String operation) {
        return new KafkaAcl(type, name, "prefix", operation);
    }

    /** Every rule of a KafkaUser; problems (deny rules, hosts, unknown shapes) are added to {@code problems}. */
    static Set<KafkaAcl> of(Rendered.Resource user, List<String> problems) {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        JsonNode authorization = user.at("/spec/authorization");
        if (!"simple".equals(authorization.path("type").asText())) {
            problems.add(user.id() + ": spec.authorization.type must be 'simple', is '"
                    + authorization.path("type").asText() + "'");
            return acls;
        }
        for (JsonNode rule : authorization.path("acls")) {
            JsonNode resource = rule.path("resource");
            String type = resource.path("type").asText();
            String name = type.equals("cluster") ? "kafka-cluster" : resource.path("name").asText();
            String pattern = resource.path("patternType").asText("literal");
            if (!rule.path("type").asText("allow").equals("allow")) {
                problems.add(user.id() + ": only allow rules are expected, found " + rule);
            }
            if (!rule.path("host").asText("*").equals("*")) {
                problems.add(user.id() + ": host-restricted rule " + rule + " (pods have no stable address)");
            }
            List<String> operations = new ArrayList<>();
            rule.path("operations").forEach(op -> operations.add(op.asText()));
            if (rule.has("operation")) {
                operations.add(rule.path("operation").asText());
            }
            if (operations.isEmpty()) {
                problems.add(user.id() + ": rule without operations: " + rule);
            }
            for (String op : operations) {
                acls.add(new KafkaAcl(type, name, pattern, op));
            }
        }
        return acls;
    }

    /** Whether this rule allows {@code operation} on the resource {@code type}/{@code resourceName}. */
    boolean allows(String resourceType, String resourceName, String op) {
        if (!type.equals(resourceType)) {
            return false;
        }
        boolean nameMatches = switch (patternType) {
            case "literal" -> name.equals("*") || name.equals(resourceName);
            case "prefix" -> resourceName.startsWith(name);
            default -> false;
        };
        return nameMatches && implies(operation, op);
    }

    /** Kafka's implication rules: All covers everything; Read, Write, Delete and Alter imply Describe; AlterConfigs implies DescribeConfigs. */
    private static boolean implies(String granted, String wanted) {
        if (granted.equals(wanted) || granted.equals("All")) {
            return true;
        }
        if (wanted.equals("Describe")) {
            return Set.of("Read", "Write", "Delete", "Alter").contains(granted);
        }
        return wanted.equals("DescribeConfigs") && granted.equals("AlterConfigs");
    }

    static boolean anyAllows(Set<KafkaAcl> acls, String type, String name, String op) {
        return acls.stream().anyMatch(a -> a.allows(type, name, op));
    }

    /** "missing: ...; unexpected: ..." between two rule sets, or an empty string when they are equal. */
    static String diff(Set<KafkaAcl> expected, Set<KafkaAcl> actual) {
        Set<KafkaAcl> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<KafkaAcl> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        StringBuilder sb = new StringBuilder();
        if (!missing.isEmpty()) {
            sb.append("missing ").append(missing);
        }
        if (!unexpected.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "; ").append("unexpected ").append(unexpected);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(KafkaAcl o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return operation + " on " + type + " " + (patternType.equals("prefix") ? name + "*" : name);
    }
}
