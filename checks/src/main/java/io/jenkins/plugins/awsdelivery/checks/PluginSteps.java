package io.jenkins.plugins.awsdelivery.checks;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the plugin's step classes from its Java sources with JavaParser, without compiling them: a step is a class
 * that extends {@code Step} (directly, or through another class of the same sources). Its {@code @Symbol} may sit on
 * the class or, as Jenkins's own steps do, on its nested descriptor.
 */
final class PluginSteps {
    private PluginSteps() {}

    static List<StepDeclaration> read(Path sourceRoot, Problems problems) {
        Map<String, Parsed> classes = new HashMap<>();
        for (Path file : javaFiles(sourceRoot)) {
            parse(file, problems).ifPresent(unit -> collect(unit, file, classes));
        }
        List<StepDeclaration> steps = new ArrayList<>();
        for (Parsed parsed : classes.values()) {
            if (parsed.type.isAbstract() || !extendsStep(parsed, classes, new HashSet<>())) {
                continue;
            }
            steps.add(new StepDeclaration(parsed.className, parsed.file, symbol(parsed.type), parameters(parsed.type)));
        }
        steps.sort((a, b) -> a.className().compareTo(b.className()));
        return steps;
    }

    private record Parsed(String className, Path file, ClassOrInterfaceDeclaration type) {}

    private static Optional<CompilationUnit> parse(Path file, Problems problems) {
        JavaParser parser =
                new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        try {
            ParseResult<CompilationUnit> result = parser.parse(file);
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                problems.add(file, 0, "does not parse as Java 17: " + result.getProblems());
                return Optional.empty();
            }
            return result.getResult();
        } catch (IOException e) {
            problems.add(file, 0, "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void collect(CompilationUnit unit, Path file, Map<String, Parsed> classes) {
        String packagePrefix =
                unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        for (TypeDeclaration<?> type : unit.getTypes()) {
            collect(type, packagePrefix + type.getNameAsString(), file, classes);
        }
    }

    private static void collect(TypeDeclaration<?> type, String className, Path file, Map<String, Parsed> classes) {
        if (type instanceof ClassOrInterfaceDeclaration declaration && !declaration.isInterface()) {
            classes.put(className, new Parsed(className, file, declaration));
        }
        for (var member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                collect(nested, className + "$" + nested.getNameAsString(), file, classes);
            }
        }
    }

    private static boolean extendsStep(Parsed parsed, Map<String, Parsed> classes, Set<String> seen) {
        if (!seen.add(parsed.className)) {
            return false;
        }
        for (ClassOrInterfaceType superclass : parsed.type.getExtendedTypes()) {
            String name = superclass.getNameAsString();
            if (name.equals("Step") || name.equals("org.jenkinsci.plugins.workflow.steps.Step")) {
                return true;
            }
            Optional<Parsed> parent = classes.values().stream()
                    .filter(other -> other.type
                            .getNameAsString()
                            .equals(superclass.getName().getIdentifier()))
                    .findFirst();
            if (parent.isPresent() && extendsStep(parent.get(), classes, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> symbol(ClassOrInterfaceDeclaration step) {
        Optional<String> own = symbolOn(step);
        if (own.isPresent()) {
            return own;
        }
        return step.getMembers().stream()
                .filter(member -> member instanceof ClassOrInterfaceDeclaration)
                .map(member -> symbolOn((ClassOrInterfaceDeclaration) member))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> symbolOn(ClassOrInterfaceDeclaration type) {
        return type.getAnnotationByName("Symbol").flatMap(PluginSteps::firstString);
    }

    private static Optional<String> firstString(AnnotationExpr annotation) {
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            Expression value = single.getMemberValue();
            if (value instanceof StringLiteralExpr literal) {
                return Optional.of(literal.getValue());
            }
            if (value.isArrayInitializerExpr()) {
                return value.asArrayInitializerExpr().getValues().stream()
                        .filter(Expression::isStringLiteralExpr)
                        .map(v -> v.asStringLiteralExpr().getValue())
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    private static List<String> parameters(ClassOrInterfaceDeclaration step) {
        List<String> parameters = new ArrayList<>();
        for (ConstructorDeclaration constructor : step.getConstructors()) {
            if (constructor.isAnnotationPresent("DataBoundConstructor")) {
                constructor.getParameters().stream()
                        .map(Parameter::getNameAsString)
                        .forEach(parameters::add);
            }
        }
        for (MethodDeclaration method : step.getMethods()) {
            String name = method.getNameAsString();
            if (method.isAnnotationPresent("DataBoundSetter") && name.startsWith("set") && name.length() > 3) {
                parameters.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            }
        }
        for (FieldDeclaration field : step.getFields()) {
            if (field.isAnnotationPresent("DataBoundSetter")) {
                field.getVariables().forEach(variable -> parameters.add(variable.getNameAsString()));
            }
        }
        return parameters;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
