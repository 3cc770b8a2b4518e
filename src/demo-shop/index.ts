export { startDemoShop, startDemoShops, defaultBuildId, type DemoShopOptions, type RunningDemoShop } from './shop';
export { setRemoteFaults, getRemoteFaults, resetRemoteFaults } from './client';
export { healthyFaults, pageTypeNames, parseFaultPatch, type FaultState, type PageTypeName } from './faults';
export { getCatalog, type Catalog, type Product } from './catalog';
