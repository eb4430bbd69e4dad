// future-community for Node's `import`: the same instance as `require`
// (node.cjs), so errors and objects are shared between the two. Ready at
// import; `init()` resolves at once.
import api from './node.cjs';

export default api.init;
export const {
  init,
  initSync,
  Community,
  categories,
  profileRequirements,
  compareReports,
  defaultOsmMapping,
  explain,
  messages,
  profile,
  profileSchema,
  profiles,
  version,
  FutureCommunityError,
  isFutureCommunityError,
  supported,
} = api;
