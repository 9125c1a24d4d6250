package org.nanopk.internal;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles a bound {@link Expr} to JVM bytecode (ASM) that leaves its value on the operand stack: the
 * operations of {@link Expr#eval} in the same order, except that integer powers up to the 8th are
 * multiplications (exact to an ulp, where {@code Math.pow} may differ by one). Subtrees that read only parameters are not compiled: the {@link Context} loads them
 * as constants computed once per parameter set.
 */
public final class ExprBytecode {
    private ExprBytecode() {
    }

    /** Where the generated code finds its inputs. */
    public interface Context {
        /** Slots below this one hold parameters: a subtree reading only those is a constant. */
        int firstFreeSlot();

        /** Emits code that pushes the value of slot {@code slot} (a state or the time). */
        void loadSlot(MethodVisitor mv, int slot);

        /** Emits code that pushes the value of {@code subtree}, which reads parameters only. */
        void loadConstant(MethodVisitor mv, Expr subtree);

        /** A free local variable for a double (two slots). */
        int newLocal();
    }

    /** Emits code pushing the value of {@code e}. */
    public static void emit(Expr e, MethodVisitor mv, Context c) {
        if (e instanceof Expr.Num n) {
            push(mv, n.value);
            return;
        }
        if (!e.usesSlotFrom(c.firstFreeSlot())) {
            c.loadConstant(mv, e);
            return;
        }
        if (e instanceof Expr.Var v) {
            c.loadSlot(mv, v.slot);
        } else if (e instanceof Expr.Neg n) {
            emit(n.a, mv, c);
            mv.visitInsn(Opcodes.DNEG);
        } else if (e instanceof Expr.Bin b) {
            binary(b, mv, c);
        } else if (e instanceof Expr.Fn f) {
            emit(f.a, mv, c);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", f.name, "(D)D", false);
        } else if (e instanceof Expr.MinMax m) {
            emit(m.a, mv, c);
            emit(m.b, mv, c);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", m.min ? "min" : "max", "(DD)D", false);
        } else if (e instanceof Expr.Select s) {
            // the derivative of min/max: the branch selected by a ≤ b (min) or a ≥ b (max); NaN selects db
            Label other = new Label();
            Label done = new Label();
            emit(s.a, mv, c);
            emit(s.b, mv, c);
            mv.visitInsn(s.min ? Opcodes.DCMPG : Opcodes.DCMPL);
            mv.visitJumpInsn(s.min ? Opcodes.IFGT : Opcodes.IFLT, other);
            emit(s.da, mv, c);
            mv.visitJumpInsn(Opcodes.GOTO, done);
            mv.visitLabel(other);
            emit(s.db, mv, c);
            mv.visitLabel(done);
        } else if (e instanceof Expr.Hill h) {
            emit(h.x, mv, c);
            emit(h.n, mv, c);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "org/nanopk/internal/Expr", h.slope ? "hillSlope" : "hill",
                "(DD)D", false);
        } else {
            throw new IllegalStateException("no bytecode for expression node " + e.getClass().getSimpleName());
        }
    }

    private static void binary(Expr.Bin b, MethodVisitor mv, Context c) {
        if (b.op == '^' && b.b instanceof Expr.Num k && k.value == Math.rint(k.value) && Math.abs(k.value) >= 2
            && Math.abs(k.value) <= 8) {
            integerPower(b.a, (int) k.value, mv, c);
            return;
        }
        emit(b.a, mv, c);
        emit(b.b, mv, c);
        switch (b.op) {
            case '+' -> mv.visitInsn(Opcodes.DADD);
            case '-' -> mv.visitInsn(Opcodes.DSUB);
            case '*' -> mv.visitInsn(Opcodes.DMUL);
            case '/' -> mv.visitInsn(Opcodes.DDIV);
            default -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "pow", "(DD)D", false);
        }
    }

    /** x^k for 2 ≤ |k| ≤ 8 by repeated multiplication (1/x^|k| for negative k). */
    private static void integerPower(Expr base, int k, MethodVisitor mv, Context c) {
        int local = c.newLocal();
        if (k < 0) {
            push(mv, 1);
        }
        emit(base, mv, c);
        mv.visitVarInsn(Opcodes.DSTORE, local);
        mv.visitVarInsn(Opcodes.DLOAD, local);
        for (int i = 1; i < Math.abs(k); i++) {
            mv.visitVarInsn(Opcodes.DLOAD, local);
            mv.visitInsn(Opcodes.DMUL);
        }
        if (k < 0) {
            mv.visitInsn(Opcodes.DDIV);
        }
    }

    /** Pushes a double literal. */
    public static void push(MethodVisitor mv, double v) {
        if (Double.doubleToRawLongBits(v) == 0L) {
            mv.visitInsn(Opcodes.DCONST_0);
        } else if (v == 1) {
            mv.visitInsn(Opcodes.DCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** An upper bound on the bytes of code {@link #emit} writes for {@code e}. */
    public static int size(Expr e, int firstFree) {
        if (e instanceof Expr.Num) {
            return 3;
        }
        if (!e.usesSlotFrom(firstFree)) {
            return 4;
        }
        if (e instanceof Expr.Var) {
            return 6;
        }
        if (e instanceof Expr.Neg n) {
            return 1 + size(n.a, firstFree);
        }
        if (e instanceof Expr.Bin b) {
            return 20 + size(b.a, firstFree) + size(b.b, firstFree);
        }
        if (e instanceof Expr.Fn f) {
            return 3 + size(f.a, firstFree);
        }
        if (e instanceof Expr.MinMax m) {
            return 3 + size(m.a, firstFree) + size(m.b, firstFree);
        }
        if (e instanceof Expr.Select s) {
            return 12 + size(s.a, firstFree) + size(s.b, firstFree) + size(s.da, firstFree) + size(s.db, firstFree);
        }
        if (e instanceof Expr.Hill h) {
            return 3 + size(h.x, firstFree) + size(h.n, firstFree);
        }
        return Integer.MAX_VALUE / 4;
    }
}
