package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * What a Jenkinsfile or a shared-library file does with the steps, read with Groovy's own parser (the 2.4 line, as
 * Jenkins Pipeline uses) to the CONVERSION phase: parsed, never run. It finds calls of the given steps with their named
 * arguments, and reads of a field of a step's result through a variable ({@code def image = ecrPush(...)} then {@code
 * image.digest} or {@code image['digest']}).
 */
final class GroovyUsage {
    /** A call of one of our steps: its named arguments, or empty when it passes none by name. */
    record StepCall(String step, List<String> namedArguments, int line) {}

    /** A field read from a variable that holds a step's result. */
    record ResultRead(String variable, String step, String field, int line) {}

    final List<StepCall> calls;
    final List<ResultRead> reads;

    private GroovyUsage(List<StepCall> calls, List<ResultRead> reads) {
        this.calls = List.copyOf(calls);
        this.reads = List.copyOf(reads);
    }

    /** Parses {@code file}; a syntax error is a problem and gives empty usage. */
    static GroovyUsage of(Path file, Set<String> steps, Problems problems) {
        Optional<List<ClassNode>> classes = parse(file, problems);
        if (classes.isEmpty()) {
            return new GroovyUsage(List.of(), List.of());
        }
        Map<String, Set<String>> resultVariables = new HashMap<>();
        List<StepCall> calls = new ArrayList<>();
        for (ClassNode type : classes.get()) {
            new Visitor() {
                @Override
                public void visitMethodCallExpression(MethodCallExpression call) {
                    stepOf(call, steps)
                            .ifPresent(step -> calls.add(new StepCall(step, namedArguments(call), line(call))));
                    super.visitMethodCallExpression(call);
                }

                @Override
                public void visitBinaryExpression(BinaryExpression expression) {
                    if (expression.getOperation().getText().equals("=")
                            && expression.getLeftExpression() instanceof VariableExpression variable
                            && expression.getRightExpression() instanceof MethodCallExpression call) {
                        stepOf(call, steps).ifPresent(step -> resultVariables
                                .computeIfAbsent(variable.getName(), v -> new HashSet<>())
                                .add(step));
                    }
                    super.visitBinaryExpression(expression);
                }

                @Override
                public void visitDeclarationExpression(DeclarationExpression expression) {
                    visitBinaryExpression(expression);
                }
            }.visitClass(type);
        }
        List<ResultRead> reads = new ArrayList<>();
        for (ClassNode type : classes.get()) {
            new Visitor() {
                @Override
                public void visitPropertyExpression(PropertyExpression expression) {
                    read(expression.getObjectExpression(), expression.getPropertyAsString(), line(expression));
                    super.visitPropertyExpression(expression);
                }

                @Override
                public void visitBinaryExpression(BinaryExpression expression) {
                    if (expression.getOperation().getText().equals("[")
                            && expression.getRightExpression() instanceof ConstantExpression key
                            && key.getValue() instanceof String field) {
                        read(expression.getLeftExpression(), field, line(expression));
                    }
                    super.visitBinaryExpression(expression);
                }

                private void read(Expression object, String field, int line) {
                    if (field != null && object instanceof VariableExpression variable) {
                        for (String step : resultVariables.getOrDefault(variable.getName(), Set.of())) {
                            reads.add(new ResultRead(variable.getName(), step, field, line));
                        }
                    }
                }
            }.visitClass(type);
        }
        return new GroovyUsage(calls, reads);
    }

    private static Optional<List<ClassNode>> parse(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file, 0, "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
        SourceUnit source = unit.addSource(file.getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_"), text);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            problems.add(
                    file,
                    0,
                    "does not parse as Groovy 2.4 (as Jenkins Pipeline parses it): "
                            + e.getMessage().replaceAll("\\s+", " ").strip());
            return Optional.empty();
        }
        ModuleNode module = source.getAST();
        return Optional.of(module.getClasses());
    }

    /** The step a call invokes: a bare {@code ecrPush(...)}, or {@code steps.ecrPush(...)} in library classes. */
    private static Optional<String> stepOf(MethodCallExpression call, Set<String> steps) {
        String name = call.getMethodAsString();
        if (name == null || !steps.contains(name)) {
            return Optional.empty();
        }
        boolean onPipeline = call.isImplicitThis()
                || (call.getObjectExpression() instanceof VariableExpression target
                        && (target.isThisExpression() || target.getName().equals("steps")));
        return onPipeline ? Optional.of(name) : Optional.empty();
    }

    private static List<String> namedArguments(MethodCallExpression call) {
        List<String> names = new ArrayList<>();
        List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple
                ? tuple.getExpressions()
                : List.of(call.getArguments());
        for (Expression argument : arguments) {
            if (argument instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key) {
                        names.add(String.valueOf(key.getValue()));
                    }
                }
            }
        }
        return names;
    }

    private static int line(Expression expression) {
        return expression.getLineNumber();
    }

    /** Visits every method, constructor, field and closure of a class, statements included. */
    private abstract static class Visitor extends ClassCodeVisitorSupport {
        @Override
        protected SourceUnit getSourceUnit() {
            return null;
        }
    }
}
