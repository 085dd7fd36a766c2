package dev.schemaguard.consumers;

import java.util.Locale;

/** A language whose files the extractor reads, chosen by file extension. */
enum SourceLanguage {
    TYPESCRIPT("typescript"),
    JAVASCRIPT("javascript"),
    PYTHON("python"),
    JAVA("java"),
    KOTLIN("kotlin"),
    GO("go"),
    SQL("sql"),
    /** Prisma's schema: its models map tables and columns (see {@link PrismaModels}). */
    PRISMA("prisma");

    /** The name {@link ExtractedQuery#language()} gives. */
    final String id;

    SourceLanguage(String id) {
        this.id = id;
    }

    /** The extension of a file name, lower case, without the dot; empty when it has none. */
    static String extension(String file) {
        int slash = file.lastIndexOf('/');
        int dot = file.lastIndexOf('.');
        return dot > slash + 1 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * The language of files with an extension, or {@code null}. Svelte and Vue components are not listed: only their
     * script blocks are code, and each block says whether it is TypeScript.
     */
    static SourceLanguage ofExtension(String extension) {
        switch (extension) {
            case "ts":
            case "tsx":
            case "mts":
            case "cts":
                return TYPESCRIPT;
            case "js":
            case "jsx":
            case "mjs":
            case "cjs":
                return JAVASCRIPT;
            case "py":
                return PYTHON;
            case "java":
                return JAVA;
            case "kt":
            case "kts":
                return KOTLIN;
            case "go":
                return GO;
            case "sql":
                return SQL;
            case "prisma":
                return PRISMA;
            default:
                return null;
        }
    }

    /** Whether the extension names a component file whose script blocks hold the code (Svelte, Vue). */
    static boolean isComponent(String extension) {
        return extension.equals("svelte") || extension.equals("vue");
    }
}
