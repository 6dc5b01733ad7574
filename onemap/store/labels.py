"""Chinese names of the inventory's tables and columns, written to gpkg_data_columns.

QGIS and GDAL read these as field aliases, so a county GIS clerk sees 小区名称 rather
than ``name`` when opening the file outside OneMap.
"""

from __future__ import annotations

from onemap.model import ESTATE_FIELD_LABELS, STATUSES
from onemap.watch.cycle import ALERT_STATUSES, SENSOR_STATUSES
from onemap.watch.event import TYPE_NAMES

#: table -> (identifier shown in gpkg_contents, description)
TABLE_TITLES: dict[str, tuple[str, str]] = {
    "estates": ("老旧小区", "老旧小区改造台账（点位）"),
    "estate_areas": ("小区范围面", "小区范围面（红线）"),
    "buildings": ("楼栋", "楼栋基底与层数"),
    "cameras": ("监控点位", "监控摄像头（链接不含账号密码）"),
    "admin_areas": ("行政区划", "县、镇（街道）界线"),
    "facilities": ("配套设施", "社区服务设施"),
    "contacts": ("责任人", "包抓负责人、社区书记、网格员、物业等"),
    "funding": ("资金来源", "改造资金来源（万元）"),
    "renovation_items": ("改造内容", "改造内容清单（一区一策）"),
    "issues": ("居民问题", "居民问题台账"),
    "photos": ("照片", "现场照片"),
    "audit_log": ("修改记录", "每一次修改：时间、人员、表、字段、原值、新值"),
    "sensors": ("传感器", "燃气探测器等传感器（IMEI、设备编号、报警阈值 %LEL）"),
    "alerts": ("告警", "摄像头与传感器告警（同一设备同类告警合并计数）及处置状态"),
    "alert_pictures": ("告警图片", "告警抓拍图片（JPEG）"),
    "alert_steps": ("告警处置记录", "告警每一步处置：原状态、新状态、人员、时间、说明"),
    "dispatch_sends": ("告警派发记录", "每一次短信、群机器人、邮件派发：步骤、通道、收件人（已隐藏）、结果"),
    "checkup_findings": ("体检问题", "城市体检调查：每栋楼或每个小区的指标（编码与版本）、问题、照片、调查人、日期"),
    "renewal_readiness": ("改造意愿", "居民改造意愿（业主与面积同意比例 %）与是否列入拆除"),
    "district_members": ("片区", "组团连片：每个小区所属的片区"),
}

_CHILD_CODE = {"estate_code": "小区编码"}

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "estates": dict(ESTATE_FIELD_LABELS),
    "estate_areas": dict(_CHILD_CODE),
    "buildings": {**_CHILD_CODE, "name": "楼栋名称", "floors": "层数", "height_m": "高度（米）"},
    "cameras": {
        **_CHILD_CODE,
        "name": "摄像头名称",
        "kind": "类型",
        "link": "视频链接",
        "gb_id": "国标编码",
        "channel": "通道号",
    },
    "admin_areas": {"code": "区划代码", "name": "名称", "level": "级别"},
    "facilities": {
        "name": "设施名称",
        "kind": "设施类型",
        "estate_code": "小区编码",
        "kind_text": "原类型名称",
        "township": "镇（街道）",
        "address": "地址",
        "capacity": "规模",
        "source": "来源",
        "notes": "备注",
        "updated_at": "更新时间",
    },
    "contacts": {**_CHILD_CODE, "role": "类别", "name": "姓名", "title": "职务", "phone": "联系电话"},
    "funding": {**_CHILD_CODE, "source": "资金来源", "amount_wan": "金额（万元）"},
    "renovation_items": {**_CHILD_CODE, "category": "类别", "item": "改造内容"},
    "issues": {
        **_CHILD_CODE,
        "problem": "问题",
        "channel": "渠道",
        "reported_on": "反映日期",
        "responsible": "责任单位",
        "due_on": "办理期限",
        "state": "办理状态",
    },
    "photos": {
        **_CHILD_CODE,
        "caption": "说明",
        "taken_on": "拍摄日期",
        "path": "文件",
        "picture": "图片",
        "finding_fid": "体检问题记录号",
    },
    "checkup_findings": {
        **_CHILD_CODE,
        "building_fid": "楼栋记录号",
        "indicator": "指标编码",
        "version": "指标版本",
        "problem": "问题",
        "value": "数值",
        "note": "说明",
        "photo": "照片",
        "surveyor": "调查人",
        "surveyed_on": "调查日期",
    },
    "district_members": {**_CHILD_CODE, "district": "片区名称"},
    "renewal_readiness": {
        **_CHILD_CODE,
        "owners_consent_pct": "同意户数比例（%）",
        "area_consent_pct": "同意面积比例（%）",
        "consent_on": "意愿调查日期",
        "demolition": "列入拆除",
        "note": "说明",
    },
    "audit_log": {
        "at": "时间",
        "who": "人员",
        "action": "操作",
        "table_name": "表",
        "row_key": "记录",
        "field": "字段",
        "old_value": "原值",
        "new_value": "新值",
    },
    "sensors": {
        **_CHILD_CODE,
        "device_id": "设备编号",
        "imei": "IMEI",
        "kind": "类型",
        "name": "名称",
        "low_lel": "低报阈值（%LEL）",
        "high_lel": "高报阈值（%LEL）",
        "status": "状态",
    },
    "alerts": {
        **_CHILD_CODE,
        "device_kind": "设备类别",
        "device_fid": "设备记录号",
        "device": "设备",
        "type": "告警类型",
        "level": "级别（1 最高）",
        "value": "数值",
        "first_time": "首次时间",
        "last_time": "最近时间",
        "cleared_time": "消警时间",
        "count": "次数",
        "status": "处置状态",
        "source": "来源格式",
        "first_raw": "首条原始报文",
        "last_raw": "最近原始报文",
    },
    "alert_pictures": {"alert_id": "告警编号", "taken_at": "时间", "picture": "图片"},
    "alert_steps": {
        "alert_id": "告警编号",
        "from_status": "原状态",
        "to_status": "新状态",
        "who": "人员",
        "at": "时间",
        "note": "说明",
    },
    "dispatch_sends": {
        "alert_id": "告警编号",
        "step": "派发步骤（0 为首次）",
        "roles": "通知角色",
        "channel": "通道",
        "kind": "通道类型",
        "recipients": "收件人（已隐藏）",
        "attempt": "第几次尝试",
        "at": "时间",
        "result": "结果",
        "merged": "合并条数",
        "code": "服务商返回码",
        "provider_id": "服务商回执编号",
        "out_id": "去重编号",
        "retry_at": "下次重试时间",
        "detail": "说明",
    },
}

#: column -> (constraint name, {value: description}) for enumerated columns.
ENUM_CONSTRAINTS: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("estates", "status"): ("onemap_status", {key: zh for key, (zh, _en) in STATUSES.items()}),
    ("alerts", "status"): ("onemap_alert_status", {key: zh for key, (zh, _en) in ALERT_STATUSES.items()}),
    ("alerts", "type"): ("onemap_alert_type", {str(key): zh for key, (zh, _en) in TYPE_NAMES.items()}),
    ("alerts", "device_kind"): ("onemap_device_kind", {"camera": "摄像头", "sensor": "传感器"}),
    ("sensors", "status"): ("onemap_sensor_status", {key: zh for key, (zh, _en) in SENSOR_STATUSES.items()}),
}
