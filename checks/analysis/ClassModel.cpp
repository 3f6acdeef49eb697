#include "ClassModel.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../common/ProjectConfig.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "FunctionSummaries.h"
#include "HandleFlow.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

namespace {

std::optional<MemberHandleKind> memberKindOf(const FieldDecl &Field) {
  QualType Type = Field.getType();
  if (Type.isNull() || Type->isDependentType() || Type->isReferenceType())
    return std::nullopt;
  switch (handleTypeOf(Type)) {
  case HandleType::Thread:
    return MemberHandleKind::Thread;
  case HandleType::ThreadContainer:
    return MemberHandleKind::ThreadContainer;
  case HandleType::PosixThread:
    return MemberHandleKind::PosixThread;
  default:
    break;
  }
  const CXXRecordDecl *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  if (!Record)
    return std::nullopt;
  const auto &Types = projectConfig().ShutdownPoolTypes;
  std::vector<StringRef> Names(Types.begin(), Types.end());
  if (!waitBeforeDestruction(Record).empty() ||
      (!Names.empty() && isNamed(Record, Names)))
    return MemberHandleKind::Pool;
  return std::nullopt;
}

bool inSystemHeader(const Decl &D, const SourceManager &SM) {
  SourceLocation Loc = D.getLocation();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

/// The definitions of the member functions of Record (member function
/// templates: their instantiations), in declaration order.
llvm::SmallVector<const FunctionDecl *, 16>
definedMethods(const CXXRecordDecl &Record) {
  llvm::SmallVector<const FunctionDecl *, 16> Methods;
  auto Add = [&](const FunctionDecl *Function) {
    const FunctionDecl *Definition = Function ? Function->getDefinition() : nullptr;
    if (Definition && Definition->getBody() &&
        !llvm::is_contained(Methods, Definition))
      Methods.push_back(Definition);
  };
  for (const Decl *D : Record.decls()) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D))
      Add(Method);
    else if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      for (const FunctionDecl *Instance : Template->specializations())
        Add(Instance);
  }
  return Methods;
}

/// A member function of Record whose code may touch Field but is not
/// visible here: declared and defined elsewhere, or template code (a member
/// of a class template, a member function template) that names the field
/// and was not instantiated.
const FunctionDecl *unseenMethod(const CXXRecordDecl &Record,
                                 const FieldDecl &Field) {
  auto Names = [&](const FunctionDecl *Code) {
    if (!Code || !Code->getBody())
      return true; // no code at all: anything
    bool Found = false;
    forEachDescendant(Code->getBody(), false, [&](const Stmt &S) {
      if (const auto *Member = dyn_cast<MemberExpr>(&S))
        Found |= Member->getMemberNameInfo().getName() == Field.getDeclName();
      else if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(&S))
        Found |= Dependent->getMember() == Field.getDeclName();
    });
    return Found;
  };
  auto Unseen = [&](const FunctionDecl *Function) {
    if (Function->isImplicit() || Function->isDeleted() ||
        Function->isDefaulted() || Function->isPureVirtual() ||
        Function->getDefinition())
      return false;
    const FunctionDecl *Pattern = Function->getTemplateInstantiationPattern();
    if (!Pattern)
      return true; // declared here, defined in another translation unit
    return Names(Pattern->getDefinition());
  };
  for (const Decl *D : Record.decls()) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D); Method && Unseen(Method))
      return Method;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D);
        Template && Template->specializations().empty() &&
        Names(Template->getTemplatedDecl()->getDefinition()))
      return Template->getTemplatedDecl();
  }
  return nullptr;
}

/// Whether code outside Record's member functions may name Field.
bool outsideAccess(const CXXRecordDecl &Record, const FieldDecl &Field) {
  if (Record.hasFriends())
    return true;
  switch (Field.getAccess()) {
  case AS_public:
    return true;
  case AS_protected:
    return !Record.hasAttr<FinalAttr>();
  default:
    return false;
  }
}

/// The records of the translation unit's own code, and which derive from
/// which.
class ClassIndex : public TranslationUnitState {
public:
  explicit ClassIndex(ASTContext &Context) : Context(Context) {
    collect(*Context.getTranslationUnitDecl());
    for (const CXXRecordDecl *Record : Records)
      Record->forallBases([&](const CXXRecordDecl *Base) {
        if (const CXXRecordDecl *Definition = Base->getDefinition())
          DerivedOf[Definition->getCanonicalDecl()].push_back(Record);
        return true;
      });
  }

  ASTContext &Context;
  std::vector<const CXXRecordDecl *> Records;
  llvm::DenseMap<const CXXRecordDecl *, std::vector<const CXXRecordDecl *>>
      DerivedOf;
  llvm::DenseMap<const CXXRecordDecl *, std::unique_ptr<ClassModel>> Models;
  llvm::SmallPtrSet<const CXXRecordDecl *, 32> Computed;

  llvm::ArrayRef<const CXXRecordDecl *> derivedOf(const CXXRecordDecl &Record) {
    auto It = DerivedOf.find(Record.getCanonicalDecl());
    if (It == DerivedOf.end())
      return {};
    return It->second;
  }

private:
  llvm::SmallPtrSet<const CXXRecordDecl *, 32> Seen;

  void addRecord(const CXXRecordDecl &Record) {
    if (!Record.isThisDeclarationADefinition() || Record.isDependentContext() ||
        Record.isLambda() || Record.isUnion() || Record.isInvalidDecl() ||
        !Seen.insert(&Record).second)
      return;
    Records.push_back(&Record);
    collect(Record);
  }

  void collect(const DeclContext &Scope) {
    const SourceManager &SM = Context.getSourceManager();
    for (const Decl *D : Scope.decls()) {
      if (D->isImplicit() || inSystemHeader(*D, SM))
        continue;
      if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D)) {
        collect(*cast<DeclContext>(D));
      } else if (const auto *Template = dyn_cast<ClassTemplateDecl>(D)) {
        for (const ClassTemplateSpecializationDecl *Instance :
             Template->specializations())
          addRecord(*Instance);
      } else if (const auto *Record = dyn_cast<CXXRecordDecl>(D)) {
        if (!isa<ClassTemplatePartialSpecializationDecl>(Record))
          addRecord(*Record);
      }
    }
  }
};

/// What X's destructor does to Field of *this.
DestructorEffect destructorEffect(const CXXRecordDecl &X, const FieldDecl &Field,
                                  ASTContext &Context) {
  const CXXDestructorDecl *Destructor = X.getDestructor();
  if (!Destructor || Destructor->isImplicit())
    return DestructorEffect::LeavesRunning;
  if (Destructor->isDeleted())
    return DestructorEffect::Unknown; // never destroyed
  const FunctionDecl *Definition = Destructor->getDefinition();
  if (!Definition)
    return DestructorEffect::Unknown; // defined in another translation unit
  if (Definition->isDefaulted())
    return DestructorEffect::LeavesRunning;
  if (!Definition->getBody() || FunctionSummaries::of(*Definition, Context).Unknown)
    return DestructorEffect::Unknown;
  HandleEvents Events;
  for (const HandleStep &Step : FunctionSummaries::stepsOf(*Definition, Context)) {
    if (!finishes(Step.Kind) || Step.Handle.Root != ReachedHandle::ThisObject ||
        !Step.Handle.covers(ReachedHandle::member(Field)))
      continue;
    (Step.AtLoop ? Events.AtLoop : Events.AtStmt)[Step.Where] =
        HandleEffect::Finish;
  }
  if (Events.AtLoop.empty() && Events.AtStmt.empty())
    return DestructorEffect::LeavesRunning;
  const FunctionAnalysis &Body = AnalysisCache::of(*Definition->getBody(), Context);
  if (!Body.cfg())
    return DestructorEffect::MayFinish;
  return findMemberExits(Body, Events).empty() ? DestructorEffect::Finishes
                                               : DestructorEffect::MayFinish;
}

/// The effect of every destructor that may run before Field dies: Owner's
/// and those of the classes derived from it here.
DestructorEffect destructionOf(const CXXRecordDecl &Owner,
                               llvm::ArrayRef<const CXXRecordDecl *> Derived,
                               const FieldDecl &Field, ASTContext &Context) {
  if (Owner.isAbstract())
    return DestructorEffect::Unknown;
  DestructorEffect Result = destructorEffect(Owner, Field, Context);
  for (const CXXRecordDecl *Record : Derived) {
    if (Result == DestructorEffect::Unknown)
      break;
    DestructorEffect Other = destructorEffect(*Record, Field, Context);
    if (Other == DestructorEffect::Unknown || Other == DestructorEffect::Finishes)
      Result = Other;
    else if (Other == DestructorEffect::MayFinish &&
             Result == DestructorEffect::LeavesRunning)
      Result = Other;
  }
  return Result;
}

void addSite(llvm::SmallVectorImpl<MemberSite> &Sites, const HandleStep &Step,
             const FunctionDecl &Method) {
  for (const MemberSite &Known : Sites)
    if (Known.Where == Step.Origin)
      return;
  Sites.push_back({Step.Origin, Step.OriginFunction, &Method});
}

std::unique_ptr<ClassModel> buildModel(const CXXRecordDecl &Record,
                                       ClassIndex &Index) {
  auto Model = std::make_unique<ClassModel>();
  Model->Record = &Record;
  if (const CXXDestructorDecl *Destructor = Record.getDestructor();
      Destructor && !Destructor->isImplicit())
    Model->Destructor = Destructor;
  for (const FieldDecl *Field : Record.fields())
    if (auto Kind = memberKindOf(*Field))
      Model->Members.push_back({Field, *Kind});
  if (Model->Members.empty())
    return nullptr;

  ASTContext &Context = Index.Context;
  llvm::ArrayRef<const CXXRecordDecl *> Derived = Index.derivedOf(Record);
  llvm::SmallVector<const FunctionDecl *, 16> &Methods = Model->Methods;
  Methods = definedMethods(Record);
  for (const CXXRecordDecl *Other : Derived)
    for (const FunctionDecl *Method : definedMethods(*Other))
      Methods.push_back(Method);

  // Default member initializers run in every constructor that does not
  // initialize the member itself (`Guard g_{worker_};` hands worker_ over).
  llvm::SmallVector<HandleStep, 8> Initializers;
  for (const FieldDecl *Field : Record.fields())
    for (const HandleStep &Step :
         FunctionSummaries::stepsOfInitializer(*Field, Context))
      Initializers.push_back(Step);

  for (HandleMember &Member : Model->Members) {
    const FieldDecl &Field = *Member.Field;
    for (const HandleStep &Step : Initializers) {
      if (!(Step.Handle == ReachedHandle::member(Field)))
        continue;
      if (Step.Kind == HandleStepKind::Start)
        Member.Starts.push_back({Step.Origin, nullptr, nullptr});
      else if (Step.Kind == HandleStepKind::Join)
        Member.Joins.push_back({Step.Origin, nullptr, nullptr});
      else if (Step.Kind == HandleStepKind::Detach)
        Member.Detaches.push_back({Step.Origin, nullptr, nullptr});
      else if (Step.Kind == HandleStepKind::Escape)
        Member.Escapes.push_back({Step.Origin, nullptr, nullptr});
    }
    for (const FunctionDecl *Method : Methods) {
      bool IsDestructor = isa<CXXDestructorDecl>(Method);
      for (const HandleStep &Step : FunctionSummaries::stepsOf(*Method, Context)) {
        if (!(Step.Handle == ReachedHandle::member(Field)))
          continue;
        switch (Step.Kind) {
        case HandleStepKind::Start:
          addSite(Member.Starts, Step, *Method);
          break;
        case HandleStepKind::Join:
          if (!IsDestructor)
            addSite(Member.Joins, Step, *Method);
          break;
        case HandleStepKind::Detach:
          addSite(Member.Detaches, Step, *Method);
          break;
        case HandleStepKind::Escape:
          if (!IsDestructor)
            addSite(Member.Escapes, Step, *Method);
          break;
        case HandleStepKind::MayFinish:
          break;
        }
      }
    }
    if (!Member.Starts.empty()) {
      Member.Destruction = destructionOf(Record, Derived, Field, Context);
      Member.UnseenMethod = unseenMethod(Record, Field);
      Member.OutsideAccess = outsideAccess(Record, Field);
      for (const CXXRecordDecl *Other : Derived)
        if (!Member.UnseenMethod)
          Member.UnseenMethod = unseenMethod(*Other, Field);
    }
  }
  return Model;
}

} // namespace

const ClassModel *ClassModels::of(const CXXRecordDecl &Record,
                                  ASTContext &Context) {
  ClassIndex &Index = AnalysisCache::layerState<ClassIndex>(Context);
  const CXXRecordDecl *Definition = Record.getDefinition();
  if (!Definition || Definition->isDependentContext())
    return nullptr;
  if (Index.Computed.insert(Definition).second)
    Index.Models[Definition] = buildModel(*Definition, Index);
  return Index.Models[Definition].get();
}

void ClassModels::forEachClass(
    ASTContext &Context, llvm::function_ref<void(const ClassModel &)> Visit) {
  ClassIndex &Index = AnalysisCache::layerState<ClassIndex>(Context);
  for (const CXXRecordDecl *Record : Index.Records)
    if (const ClassModel *Model = of(*Record, Context))
      Visit(*Model);
}

} // namespace clang::tidy::parlint
