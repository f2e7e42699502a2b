/* atoms.h: well-known property names, interned once per isolate and kept as roots.
 * Use ATOM(iso, length) to get the atom Value for "length". */
#ifndef MJS_ATOMS_H
#define MJS_ATOMS_H

#define MJS_ATOM_LIST(X)                                                                       \
    X(empty, "")                                                                               \
    X(length, "length")                                                                        \
    X(prototype, "prototype")                                                                  \
    X(constructor, "constructor")                                                              \
    X(name, "name")                                                                            \
    X(message, "message")                                                                      \
    X(stack, "stack")                                                                          \
    X(cause, "cause")                                                                          \
    X(toString, "toString")                                                                    \
    X(valueOf, "valueOf")                                                                      \
    X(toJSON, "toJSON")                                                                        \
    X(__proto__, "__proto__")                                                                  \
    X(callee, "callee")                                                                        \
    X(caller, "caller")                                                                        \
    X(arguments, "arguments")                                                                  \
    X(get, "get")                                                                              \
    X(set, "set")                                                                              \
    X(value, "value")                                                                          \
    X(writable, "writable")                                                                    \
    X(enumerable, "enumerable")                                                                \
    X(configurable, "configurable")                                                            \
    X(undefined, "undefined")                                                                  \
    X(null, "null")                                                                            \
    X(true, "true")                                                                            \
    X(false, "false")                                                                          \
    X(NaN, "NaN")                                                                              \
    X(Infinity, "Infinity")                                                                    \
    X(object, "object")                                                                        \
    X(function, "function")                                                                    \
    X(number, "number")                                                                        \
    X(string, "string")                                                                        \
    X(boolean, "boolean")                                                                      \
    X(symbol, "symbol")                                                                        \
    X(bigint, "bigint")                                                                        \
    X(default, "default")                                                                      \
    X(index, "index")                                                                          \
    X(input, "input")                                                                          \
    X(next, "next")                                                                            \
    X(done, "done")                                                                            \
    X(global, "global")                                                                        \
    X(globalThis, "globalThis")                                                                \
    X(exports, "exports")                                                                      \
    X(require, "require")                                                                      \
    X(module, "module")                                                                        \
    X(__filename, "__filename")                                                                \
    X(__dirname, "__dirname")                                                                  \
    X(anonymous, "anonymous")                                                                  \
    X(Error, "Error")                                                                          \
    X(TypeError, "TypeError")                                                                  \
    X(RangeError, "RangeError")                                                                \
    X(ReferenceError, "ReferenceError")                                                        \
    X(SyntaxError, "SyntaxError")                                                              \
    X(EvalError, "EvalError")                                                                  \
    X(URIError, "URIError")                                                                    \
    X(Object, "Object")                                                                        \
    X(Array, "Array")                                                                          \
    X(Function, "Function")                                                                    \
    X(bound_, "bound ")

typedef enum AtomId {
#define MJS_ATOM_ENUM(id, str) ATOM_##id,
    MJS_ATOM_LIST(MJS_ATOM_ENUM)
#undef MJS_ATOM_ENUM
        ATOM__COUNT
} AtomId;

#endif
