import * as ts from 'typescript';

/** The SDK's plugin interface, recognised by name and by a declaring file inside a `plugin-sdk` folder. */
const SDK_PLUGIN_NAME = 'Plugin';
const SDK_FOLDER = /(^|\/)plugin-sdk\//;

function isDeclaredInSdk(node: ts.Node): boolean {
  return SDK_FOLDER.test(node.getSourceFile().fileName.replace(/\\/g, '/'));
}

type ContainerDeclaration =
  | ts.InterfaceDeclaration
  | ts.ClassLikeDeclaration
  | ts.TypeAliasDeclaration
  | ts.ObjectLiteralExpression
  | ts.TypeLiteralNode;

function isContainer(node: ts.Node): node is ContainerDeclaration {
  return (
    ts.isInterfaceDeclaration(node) ||
    ts.isClassLike(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isTypeLiteralNode(node)
  );
}

/**
 * Answers "is this type the SDK's `Plugin`, or does it extend or implement it?" with the type checker.
 * A type counts when it, a union or intersection member, a type parameter's constraint, one of its
 * `extends`/`implements` ancestors, or the contextual type of its object literal is the SDK `Plugin`;
 * or when its `run` member is declared by such a type (this covers `Readonly<Plugin>`, `Pick<Plugin,
 * 'run'>` and subclasses). Answers are cached per declaration for the life of one type checker.
 */
export class PluginTypeMatcher {
  private readonly declarations = new Map<ts.Node, boolean>();
  private readonly typesInProgress = new Set<ts.Type>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** Whether a value of `type` is a plugin whose `run` only the ToolRunner may use. */
  isPluginType(type: ts.Type): boolean {
    if (this.typesInProgress.has(type)) return false;
    this.typesInProgress.add(type);
    try {
      return this.matchType(type);
    } finally {
      this.typesInProgress.delete(type);
    }
  }

  private matchType(type: ts.Type): boolean {
    if (type.isUnionOrIntersection()) return type.types.some((part) => this.isPluginType(part));
    // A flag test, not `type.isTypeParameter()`: that guard would narrow every other type to `never`.
    if ((type.flags & ts.TypeFlags.TypeParameter) !== 0) {
      const constraint = this.checker.getBaseConstraintOfType(type);
      return constraint !== undefined && constraint !== type && this.isPluginType(constraint);
    }
    const symbols = [type.aliasSymbol, type.getSymbol()];
    for (const symbol of symbols) {
      if (symbol?.declarations?.some((node) => this.isPluginDeclaration(node))) return true;
    }
    const run = this.checker.getPropertyOfType(type, 'run');
    return run?.declarations?.some((member) => this.isPluginDeclaration(member.parent)) ?? false;
  }

  /** Whether a declaration (interface, class, type alias, object literal) is or derives from `Plugin`. */
  private isPluginDeclaration(node: ts.Node): boolean {
    if (!isContainer(node)) return false;
    const known = this.declarations.get(node);
    if (known !== undefined) return known;
    this.declarations.set(node, false);
    const result = this.matchDeclaration(node);
    this.declarations.set(node, result);
    return result;
  }

  private matchDeclaration(node: ContainerDeclaration): boolean {
    if (ts.isObjectLiteralExpression(node)) {
      const contextual = this.checker.getContextualType(node);
      return contextual !== undefined && this.isPluginType(contextual);
    }
    if (ts.isTypeLiteralNode(node)) return ts.isTypeAliasDeclaration(node.parent) && this.isPluginDeclaration(node.parent);
    if (node.name?.text === SDK_PLUGIN_NAME && isDeclaredInSdk(node)) return true;
    if (ts.isTypeAliasDeclaration(node)) return false;
    const heritage = node.heritageClauses ?? [];
    return heritage.some((clause) =>
      clause.types.some((base) => this.isPluginType(this.checker.getTypeAtLocation(base))),
    );
  }
}
