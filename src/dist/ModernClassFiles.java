import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar, rewriting class files older than Java 6 (picocli is compiled for Java 5) as Java 8 class files with
 * stack maps. A JVM cannot keep an old class file in its AOT cache (it is verified by the old verifier, at every
 * start): picocli's 227 classes were parsed and verified anew by every run. Nothing else changes: same instructions,
 * same entries, same order. Runs on Java 24 or later (java.lang.classfile), in source-file mode:
 *
 *   java ModernClassFiles.java IN.jar OUT.jar
 */
public final class ModernClassFiles {

    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rewritten = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
             ZipFile jar = new ZipFile(in.toFile());
             OutputStream file = Files.newOutputStream(out);
             ZipOutputStream copy = new ZipOutputStream(file)) {
            // Stack maps name the common superclass of two types: the jar's own classes are looked up in the jar.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofClassLoading(classes)));
            for (ZipEntry entry : Collections.list(jar.entries())) {
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < JAVA_6) {
                        bytes = classFile.transformClass(model,
                                ClassTransform.dropping(element -> element instanceof ClassFileVersion)
                                        .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                                        .andThen(ClassTransform.endHandler(builder -> builder.withVersion(JAVA_8, 0))));
                        rewritten++;
                    }
                }
                ZipEntry written = new ZipEntry(entry.getName());
                written.setTime(entry.getTime());
                copy.putNextEntry(written);
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        System.out.println("ModernClassFiles: " + rewritten + " class files rewritten for Java 8");
    }
}
