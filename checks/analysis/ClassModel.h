// What a class does with the handles it owns as members: which methods start
// each thread, thread container, pthread_t or abandoning pool member, which
// join, detach or hand it over, and whether the destructor finishes it before
// the member's own destructor runs (std::thread's terminates if it is still
// joinable; an abandoning pool's drops the queued work). Built from the
// function summaries (FunctionSummaries) of the class's methods, those of
// the classes derived from it in the translation unit, and the path engine
// (HandleFlow::findMemberExits) over each destructor. Cached per
// translation unit.
//
// Members that finish themselves are not handle members here: std::jthread,
// parlint::ScopedThread (no std::thread type), pools whose destructor waits.
#ifndef PARLINT_CHECKS_ANALYSIS_CLASSMODEL_H
#define PARLINT_CHECKS_ANALYSIS_CLASSMODEL_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class MemberHandleKind {
  Thread,          ///< std::thread
  ThreadContainer, ///< a standard container of std::thread
  PosixThread,     ///< pthread_t, or an array of them
  Pool,            ///< a pool whose destructor abandons queued work
                   ///< (model/Pools' waitBeforeDestruction, or
                   ///< missing-pool-shutdown's PoolTypes)
};

/// A place in the class's code that does something to a member.
struct MemberSite {
  /// The statement that does it in the end (inside a called helper, for a
  /// start reached through a call).
  const Stmt *Where = nullptr;
  /// The function that holds Where; null for the member's default
  /// initializer.
  const FunctionDecl *Function = nullptr;
  /// The method of the class whose call leads there (Function itself, or
  /// the method that calls the helper).
  const FunctionDecl *Method = nullptr;
};

/// What the destructors that run before a member is destroyed (the class's
/// own, and those of the classes derived from it here) do to it.
enum class DestructorEffect {
  Unknown,       ///< one of them is declared but not defined here, deleted,
                 ///< or the class is abstract (its derived classes' may be
                 ///< elsewhere)
  Finishes,      ///< one of them finishes it on every path
  MayFinish,     ///< one of them finishes it on some path (or calls unknown
                 ///< code that may)
  LeavesRunning, ///< none finishes it on any path: implicit, defaulted, or no
                 ///< join/detach/wait reachable through what they call
};

struct HandleMember {
  const FieldDecl *Field = nullptr;
  MemberHandleKind Kind = MemberHandleKind::Thread;
  /// Where it is started: the default member initializer, constructors'
  /// member initializers, and the methods (and what they call).
  llvm::SmallVector<MemberSite, 2> Starts;
  /// Where it is joined, waited for or shut down, outside destructors.
  llvm::SmallVector<MemberSite, 2> Joins;
  llvm::SmallVector<MemberSite, 1> Detaches;
  /// Where it is handed over: moved out, swapped, passed by non-const
  /// reference or pointer to code that may keep it, returned by reference.
  llvm::SmallVector<MemberSite, 1> Escapes;
  DestructorEffect Destruction = DestructorEffect::Unknown;
  /// A member function that may finish it is not visible here: declared
  /// but defined in another translation unit, or a member function
  /// template's (or class template's) code that names it but was not
  /// instantiated.
  const FunctionDecl *UnseenMethod = nullptr;
  /// Code outside the class may name it: a public or protected member (of
  /// a class that is not final, for protected), or a class with friends.
  bool OutsideAccess = false;
};

struct ClassModel {
  const CXXRecordDecl *Record = nullptr;
  /// The user-written destructor of Record, or null when it is implicit.
  const CXXDestructorDecl *Destructor = nullptr;
  /// The definitions this model was built from: the member functions of
  /// Record and of the classes derived from it here (member function
  /// templates: their instantiations).
  llvm::SmallVector<const FunctionDecl *, 16> Methods;
  llvm::SmallVector<HandleMember, 2> Members;
};

/// The class models of the current translation unit.
class ClassModels {
public:
  /// Calls Visit with the model of every class of the translation unit's
  /// own code (outside system headers; class template instantiations, not
  /// patterns) that has a handle member, in declaration order.
  static void forEachClass(ASTContext &Context,
                           llvm::function_ref<void(const ClassModel &)> Visit);
  /// The model of one class definition (not dependent), or null when it
  /// has no handle member.
  static const ClassModel *of(const CXXRecordDecl &Record,
                              ASTContext &Context);
};

} // namespace clang::tidy::parlint

#endif
